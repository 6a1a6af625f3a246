"""The desktop face of SMWG Desktop (PySide6). Nothing outside this package imports Qt."""
