"""Checking: a check run over targets, its configuration from cjm.yaml and flags, the exit code."""
