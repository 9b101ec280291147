"""Inputs layer: the seeds folder read into typed records, and the YAML boundary validated.

The only layer that reads seed files.  It imports :mod:`generator.model` only.
"""
