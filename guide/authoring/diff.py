"""Change review: which paths lead to another outcome, or another office, after an edit.

A path is a flow's answers, municipality included; its result is the outcome
it reaches and, for each roadmap step, the offices (or "remote") the roadmap
gives that municipality. Two versions of the content are compared path by
path. Versions are folders (holding the flows and `directory/`) or git
revisions, read with `git archive`.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlmodel

from guide import roadmap
from guide.authoring import paths
from guide.directory import content as directory_content
from guide.directory import store
from guide.engine import Router, load_flows
from guide.engine.tokens import AnswerCodec

Key = tuple[str, tuple[tuple[str, str], ...]]  # (flow, answers)


@dataclass(frozen=True)
class Result:
    outcome: str
    offices: tuple[tuple[str, tuple[str, ...]], ...]  # (service, office slugs or ("remote",))


@dataclass(frozen=True)
class Change:
    flow: str
    answers: tuple[tuple[str, str], ...]
    old: Result | None
    new: Result | None

    def __str__(self) -> str:
        path = ", ".join(f"{q}={v}" for q, v in self.answers)
        return f"{self.flow}: {path}\n    {_show(self.old)}\n -> {_show(self.new)}"


def _show(result: Result | None) -> str:
    if result is None:
        return "(no such path)"
    steps = "; ".join(f"{service}: {' '.join(offices) or 'none'}" for service, offices in result.offices)
    return f"{result.outcome} ({steps})"


def results(flows_dir: Path, directory_dir: Path) -> dict[Key, Result]:
    """Every path of every flow in a content version, with its outcome and offices."""
    directory = directory_content.read(directory_dir)
    flows = load_flows(flows_dir, services={s.id for s in directory.services})
    engine = sqlmodel.create_engine("sqlite://")
    store.load(directory, engine)
    places = directory_content.places(directory)
    found: dict[Key, Result] = {}
    resolved: dict[tuple[str, str], tuple[str, ...]] = {}
    with sqlmodel.Session(engine) as session:

        def offices(step, municipality: str) -> tuple[str, ...]:
            if (step.service, municipality) not in resolved:
                (done,) = roadmap.build(session, [step], municipality).steps
                resolved[(step.service, municipality)] = (tuple(o.slug for o in done.offices)
                                                          or (("remote",) if done.channels else ()))
            return resolved[(step.service, municipality)]

        for flow in flows.values():
            router = Router(flow, places, AnswerCodec(b"diff"))
            for walk in paths.walks(router):
                municipality = walk.answer_for("municipality")
                steps = walk.node.steps if municipality is not None else ()
                found[(flow.id, tuple(walk.answers().items()))] = Result(
                    walk.node.id, tuple((s.service, offices(s, municipality)) for s in steps))
    return found


def compare(old: dict[Key, Result], new: dict[Key, Result]) -> list[Change]:
    """The paths whose outcome or offices differ, or that exist in one version only."""
    return [Change(flow, answers, old.get((flow, answers)), new.get((flow, answers)))
            for flow, answers in sorted({*old, *new})
            if old.get((flow, answers)) != new.get((flow, answers))]


@contextmanager
def content_version(spec: str, repo: Path, flows_path: str = "flows") -> Iterator[Path]:
    """A folder of flows (with `directory/`) for `spec`: a folder as it is, or a git revision."""
    folder = Path(spec)
    if folder.is_dir():
        yield folder
        return
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", spec, flows_path],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise ValueError(f"'{spec}' is neither a folder nor a git revision: {archive.stderr.decode().strip()}")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp) / flows_path


def diff(old_spec: str, new_spec: str, repo: Path) -> list[Change]:
    with content_version(old_spec, repo) as old, content_version(new_spec, repo) as new:
        return compare(results(old, old / "directory"), results(new, new / "directory"))
