"""Spreadsheets in and out: a map's tables as CSV or XLSX, and a table read back into edits of the map."""
