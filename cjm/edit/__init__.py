"""Editing a map's text: the surgical changes of `cjm add` (and of every command that writes a map)."""
