"""`cjm add` (registered by its issue; see the module of the same name)."""
