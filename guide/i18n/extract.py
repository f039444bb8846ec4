"""Babel extractor for flow and directory YAML: `pybabel extract` finds content text.

Each string is yielded with the msgctxt the app looks it up by
(`flow:node:field`, `directory:entry:field`) and the line it was written on,
taken from the same loaders the app uses, so the two cannot drift apart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from guide.directory.content import read as read_directory
from guide.engine.loader import load_flow
from guide.text import Msg
from guide.yamlfile import display_name


def extract_yaml(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    path = Path(fileobj.name)
    if path.parent.name == "directory":
        root, wanted = read_directory(path.parent), display_name(path)
    else:
        root, wanted = load_flow(path), None
    seen = set()
    for message in _messages(root):
        if wanted is not None and getattr(message.text, "file", wanted) != wanted:
            continue
        key = (message.context, str(message.text))
        if key not in seen:
            seen.add(key)
            yield getattr(message.text, "line", 1), "pgettext", key, []


def _messages(value) -> Iterator[Msg]:
    """Every Msg inside a tree of dataclasses, dicts and tuples, in order."""
    if isinstance(value, Msg):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _messages(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _messages(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _messages(item)
