"""Draw a flow: Mermaid and Graphviz DOT text, and the same as rows for a staff page.

Questions are boxes labelled with their text, outcomes rounded boxes with
their title; each edge carries the option's label and any `when` condition.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from guide.engine.kinds import KINDS
from guide.engine.model import Flow, Outcome, Question


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    answer: str  # the option's label, or "any island" / "any municipality"
    when: str  # "citizenship = eu and visa = residence-visa", or ""

    @property
    def label(self) -> str:
        return f"{self.answer} [if {self.when}]" if self.when else self.answer


def edges(flow: Flow) -> list[Edge]:
    """Every route of the flow, in file order."""
    found = []
    for question in flow.questions():
        labels = {o.value: str(o.label) for o in question.options}
        for value, route in KINDS[question.kind].routes(question):
            answer = labels[value] if value is not None else f"any {question.kind}"
            when = " and ".join(f"{q} = {v}" for q, v in route.when)
            found.append(Edge(question.id, route.to, answer, when))
    return found


def node_label(node: Question | Outcome) -> str:
    return str(node.text) if isinstance(node, Question) else str(node.title)


def _mermaid_text(text: str) -> str:
    return '"' + text.replace('"', "#quot;").replace("\n", " ") + '"'


def mermaid(flow: Flow) -> str:
    """A Mermaid flowchart of the flow."""
    lines = ["flowchart TD"]
    for node_id, node in flow.nodes.items():
        label = _mermaid_text(f"{node_id}: {node_label(node)}")
        lines.append(f"    {_mid(node_id)}[{label}]" if isinstance(node, Question) else f"    {_mid(node_id)}([{label}])")
    for edge in edges(flow):
        lines.append(f"    {_mid(edge.source)} -->|{_mermaid_text(edge.label)}| {_mid(edge.target)}")
    return "\n".join(lines) + "\n"


def _mid(node_id: str) -> str:
    """Mermaid ids cannot hold hyphens everywhere (`end` is a keyword too): prefix and replace."""
    return "n_" + node_id.replace("-", "_")


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot(flow: Flow) -> str:
    """A Graphviz DOT digraph of the flow."""
    lines = [f"digraph {_dot_text(flow.id)} {{", "    rankdir=TB;", '    node [fontname="sans-serif"];']
    for node_id, node in flow.nodes.items():
        shape = "box" if isinstance(node, Question) else "box, style=rounded, peripheries=2"
        lines.append(f"    {_dot_text(node_id)} [shape={shape}, label={_dot_text(f'{node_id}: {node_label(node)}')}];")
    for edge in edges(flow):
        lines.append(f"    {_dot_text(edge.source)} -> {_dot_text(edge.target)} [label={_dot_text(edge.label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def svg(dot_text: str) -> str | None:
    """SVG drawn by Graphviz's `dot`, or None when Graphviz is not installed."""
    program = shutil.which("dot")
    if program is None:
        return None
    return subprocess.run([program, "-Tsvg"], input=dot_text, capture_output=True, text=True, check=True).stdout
