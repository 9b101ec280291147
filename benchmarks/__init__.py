"""Scale benchmarks: a synthetic corpus generator (:mod:`benchmarks.synth`) and a
runner that times ``report`` and ``build`` over growing corpora (:mod:`benchmarks.scale`)."""
