"""Shape checks shared by the flow and directory loaders.

A Checker walks one parsed file (see `yamlfile`) and collects problems instead
of stopping at the first, so an author sees every mistake of a file at once,
each at its line.
"""

from __future__ import annotations

import difflib
import re

from guide.yamlfile import ContentError, Mapping, Problem, Sequence

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|undated")


class Checker:
    """Collects problems for one file; `done()` raises them all together."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def error(self, where, message: str) -> None:
        """Record a problem at a located value, a (line, column) pair, or line 1."""
        if isinstance(where, tuple):
            line, column = where
        else:
            line, column = getattr(where, "line", 1), getattr(where, "column", 1)
        self.problems.append(Problem(self.file, line, column, message))

    def done(self) -> None:
        if self.problems:
            raise ContentError(self.problems)

    def mapping(self, value, what: str, where=None) -> Mapping | None:
        if isinstance(value, Mapping):
            return value
        self.error(where if where is not None else value, f"{what} must be a mapping of keys to values")
        return None

    def sequence(self, value, what: str, where=None) -> Sequence | None:
        if isinstance(value, Sequence):
            return value
        self.error(where if where is not None else value, f"{what} must be a list")
        return None

    def keys(self, mapping: Mapping, what: str, required=(), optional=()) -> None:
        """Reject unknown keys (with a suggestion) and report missing ones."""
        allowed = [*required, *optional]
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
                self.error(mapping.where(key), f"unknown key '{key}' in {what}{hint}")
        for key in required:
            if key not in mapping:
                self.error(mapping, f"{what} needs '{key}'")

    def text(self, mapping: Mapping, key: str, what: str, required: bool = True) -> str | None:
        """A non-empty string value, or None after recording why not."""
        value = mapping.get(key)
        if value is None:
            if required and key in mapping:
                self.error(mapping.where(key), f"'{key}' of {what} is empty")
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(mapping.where(key), f"'{key}' of {what} must be text")
            return None
        return value  # a yamlfile.Text: still knows its file and line

    def slug(self, mapping: Mapping, key: str, what: str, required: bool = True) -> str | None:
        value = self.text(mapping, key, what, required)
        if value is not None and not SLUG.fullmatch(value):
            self.error(mapping.where(key), f"'{value}' is not a valid id: use lower-case letters, digits and hyphens")
            return None
        return value

    def date(self, mapping: Mapping, key: str, what: str, required: bool = True) -> str | None:
        """A source's own date, "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes, or "undated"."""
        value = self.text(mapping, key, what, required)
        if value is not None and not DATE.fullmatch(value):
            self.error(mapping.where(key), f"'{key}' must be a date written \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\", or \"undated\"")
            return None
        return value

    def boolean(self, mapping: Mapping, key: str, what: str, default: bool) -> bool:
        value = mapping.get(key, default)
        if not isinstance(value, bool):
            self.error(mapping.where(key), f"'{key}' of {what} must be true or false")
            return default
        return value
