"""Review layer: contributors' verdicts (``corrections.yml``), attached to the findings they settle."""
