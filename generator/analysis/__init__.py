"""Analysis layer: the pure stages, one module each, from a seed file to a judged story.

clean -> extract -> attribute -> group -> align (compare, diff) -> judge (drift, facts,
speaker_checks); normalize, similarity, speakers and ids are the tools they share.
Nothing here reads or writes files: it imports :mod:`generator.model` and its own modules only.
"""
