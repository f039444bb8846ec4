"""`flask flows check | graph | diff | schema`: thin wrappers over the authoring functions.

They run without loading the app, so a broken flow is reported by `check`
rather than stopping the command itself.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from guide import ROOT
from guide.yamlfile import ContentError

flows_cli = AppGroup("flows", help="Check, draw and compare the flows and the directory.")

_flows = click.option("--flows", "flows_dir", type=click.Path(file_okay=False, path_type=Path),
                      default=ROOT / "flows", show_default=True, help="Folder of flow files.")
_directory = click.option("--directory", "directory_dir", type=click.Path(file_okay=False, path_type=Path),
                          default=None, help="Folder of directory files [default: FLOWS/directory].")


@flows_cli.command("check", with_appcontext=False)
@_flows
@_directory
@click.option("--translations", "translations_dir", type=click.Path(file_okay=False, path_type=Path),
              default=ROOT / "translations", show_default=True)
def check_command(flows_dir: Path, directory_dir: Path | None, translations_dir: Path) -> None:
    """Check every flow and directory file; print file:line:column: message and a hint."""
    from guide.authoring.check import check_all
    from guide.i18n import UNREVIEWED_LANGUAGES

    report = check_all(flows_dir, directory_dir or flows_dir / "directory", translations_dir,
                       unreviewed=UNREVIEWED_LANGUAGES)
    for finding in report.sorted():
        click.echo(str(finding))
    count = len(report.findings)
    summary = f"{len(report.files)} files checked: " + (f"{count} problem{'s' if count != 1 else ''}" if count else "no problems")
    click.echo(summary)
    if count:
        raise SystemExit(1)


@flows_cli.command("graph", with_appcontext=False)
@click.argument("flow_id")
@_flows
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder to write FLOW.mmd, FLOW.dot (and FLOW.svg with Graphviz) into.")
def graph_command(flow_id: str, flows_dir: Path, out_dir: Path) -> None:
    """Write the flow as Mermaid (.mmd) and DOT (.dot), and SVG when Graphviz is installed."""
    from guide.authoring import graph
    from guide.engine.loader import load_flow

    path = flows_dir / f"{flow_id}.yaml"
    if not path.is_file():
        raise click.ClickException(f"no flow '{flow_id}' in {flows_dir}")
    try:
        flow = load_flow(path)
    except ContentError as err:
        raise click.ClickException(f"the flow has problems (run `flask flows check`):\n{err}") from None
    out_dir.mkdir(parents=True, exist_ok=True)
    dot_text = graph.dot(flow)
    written = {"mmd": graph.mermaid(flow), "dot": dot_text}
    svg = graph.svg(dot_text)
    if svg is not None:
        written["svg"] = svg
    for ext, text in written.items():
        (out_dir / f"{flow_id}.{ext}").write_text(text, encoding="utf-8")
        click.echo(out_dir / f"{flow_id}.{ext}")


@flows_cli.command("diff", with_appcontext=False)
@click.argument("old")
@click.argument("new")
def diff_command(old: str, new: str) -> None:
    """List the paths whose outcome or office differs between OLD and NEW (folders or git revisions)."""
    from guide.authoring.diff import diff

    try:
        changes = diff(old, new, ROOT)
    except (ValueError, ContentError) as err:
        raise click.ClickException(str(err)) from None
    for change in changes:
        click.echo(str(change))
    click.echo(f"{len(changes)} path{'s' if len(changes) != 1 else ''} changed")


@flows_cli.command("schema", with_appcontext=False)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=ROOT / "docs" / "schema", show_default=True)
def schema_command(out_dir: Path) -> None:
    """Write the JSON Schemas of flow and directory files (for editors)."""
    from guide.authoring import schema

    for path in schema.write(out_dir):
        click.echo(path)
