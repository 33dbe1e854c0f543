"""Reading files: the only code that opens maps, cjm.yaml and answers files, and explains their problems."""
