"""Strict YAML reading for content written by people (flows and the directory).

PyYAML alone keeps the last of two duplicate keys and silently turns unquoted
`no`, `09:30`, `0701` or `2025-10-01` into a boolean, a number or a date. Here
every such surprise is an error naming file, line and column, and every value
keeps the line it came from so later checks can point at it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

try:  # libyaml parses several times faster; the checks below are the same.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only without libyaml
    _Loader = yaml.SafeLoader

_PLAIN_INT = re.compile(r"-?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
_CLOCK_LIKE = re.compile(r"[0-9]+(:[0-9]+)+")  # 9:30 is 570 in YAML 1.1; 09:30 depends on the reader
_NULLS = {"", "~", "null"}
_BOOLS = {"true": True, "false": False}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file, at a place a person can open."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class ContentError(Exception):
    """A content file (or several) failed its checks; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class Text(str):
    """A string that remembers where it was written."""

    file: str
    line: int
    column: int


class Mapping(dict):
    """A mapping that remembers its own line and the line of each key."""

    line: int
    column: int
    key_lines: dict[str, tuple[int, int]]

    def where(self, key: str) -> tuple[int, int]:
        """Line and column of `key`, or of the mapping itself when it is absent."""
        return self.key_lines.get(key, (self.line, self.column))


class Sequence(list):
    """A list that remembers its own line and the line of each item."""

    line: int
    column: int
    item_lines: list[tuple[int, int]]


def display_name(path: Path) -> str:
    """How a content file is named in problems: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read(path: Path, display_name: str | None = None):
    """Parse one YAML file strictly; raise ContentError naming file:line:column."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ContentError([Problem(name, 1, 1, f"not UTF-8 text ({err.reason})")]) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = " ".join(filter(None, [err.context, err.problem])) or "invalid YAML"
        line_text = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
        if "tab" in message or "'\\t'" in message or "\t" in line_text[: mark.column + 1]:
            message += " (indent with spaces, not tabs)"
        raise ContentError([Problem(name, mark.line + 1, mark.column + 1, message)]) from None
    if node is None:
        raise ContentError([Problem(name, 1, 1, "the file is empty")])
    problems: list[Problem] = []
    value = _convert(node, name, problems)
    if problems:
        raise ContentError(problems)
    return value


def _place(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node, name: str, problems: list[Problem]):
    line, column = _place(node)
    if isinstance(node, yaml.MappingNode):
        result = Mapping()
        result.line, result.column, result.key_lines = line, column, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(name, *_place(key_node), "merge keys (<<) are not allowed; write each entry out"))
                continue
            key = _convert(key_node, name, problems)
            if not isinstance(key, str):
                problems.append(Problem(name, *_place(key_node), "keys must be text"))
                continue
            if key in result.key_lines:
                first = result.key_lines[key][0]
                problems.append(Problem(name, *_place(key_node), f"duplicate key '{key}' (first at line {first})"))
                continue
            result.key_lines[key] = _place(key_node)
            result[key] = _convert(value_node, name, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = Sequence(_convert(item, name, problems) for item in node.value)
        result.line, result.column = line, column
        result.item_lines = [_place(item) for item in node.value]
        return result
    if node.tag.startswith("!") or node.tag not in _KNOWN_TAGS:
        problems.append(Problem(name, line, column, f"tags such as {node.tag} are not allowed"))
        return None
    return _scalar(node, name, problems)


_KNOWN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}


def _scalar(node: yaml.ScalarNode, name: str, problems: list[Problem]):
    """Quoted scalars are text; plain ones only where their meaning is unsurprising."""
    line, column = _place(node)
    raw, kind = node.value, node.tag.rsplit(":", 1)[-1]
    if not node.style and _CLOCK_LIKE.fullmatch(raw):
        kind = "int"
    elif kind == "str" or node.style in ("'", '"', "|", ">"):
        text = Text(raw)
        text.file, text.line, text.column = name, line, column
        return text
    if kind == "null" and raw in _NULLS:
        return None
    if kind == "bool" and raw in _BOOLS:
        return _BOOLS[raw]
    if kind == "int" and _PLAIN_INT.fullmatch(raw):
        return int(raw)
    if kind == "float" and _PLAIN_FLOAT.fullmatch(raw):
        return float(raw)
    reading = {"bool": "a true/false value", "int": "a number", "float": "a number",
               "timestamp": "a date", "null": "an empty value"}[kind]
    problems.append(Problem(name, line, column,
                            f"unquoted {raw!r} would be read as {reading}; write it in quotes: \"{raw}\""))
    return None
