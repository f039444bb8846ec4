"""Tools for the staff who write flows: check, draw, list paths and diff content.

Plain functions over the engine and the directory; `cli` wraps them as
`flask flows …` and `guide.staff` shows them on pages.
"""
