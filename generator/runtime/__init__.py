"""Runtime layer: how a run is carried out: stories judged in a process pool, cached between
runs, rendered story by story, with a progress bar.  The result never depends on it."""
