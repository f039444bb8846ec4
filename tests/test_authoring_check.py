"""`flask flows check`: each kind of mistake, in a small broken file, named at its file and line.

Every file in tests/authoring/ marks the lines where a problem must be
reported with `# expect: <part of the message>`; the check must report each
there, with a hint, and nothing anywhere else.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from guide.directory import content as directory_content
from guide.engine.loader import load_flow
from guide.i18n.extract import _messages

HERE = Path(__file__).parent / "authoring"
SHIPPED = Path(__file__).resolve().parent.parent / "flows"
FINDING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$")


def expectations(path: Path, offset: int = 0) -> dict[int, str]:
    return {number + offset: line.split("# expect: ", 1)[1].strip()
            for number, line in enumerate(path.read_text().splitlines(), 1) if "# expect: " in line}


def content_folder(tmp_path: Path, flow: Path | None = None, directory_extra: Path | None = None) -> Path:
    """A flows folder holding `flow` and a copy of the shipped directory, `directory_extra` appended."""
    flows = tmp_path / "flows"
    shutil.copytree(SHIPPED / "directory", flows / "directory")
    if flow is not None:
        shutil.copy(flow, flows / flow.name)
    if directory_extra is not None:
        services = flows / "directory" / "services.yaml"
        services.write_text(services.read_text() + directory_extra.read_text())
    return flows


def catalog_leaving_out(tmp_path: Path, flow_path: Path, directory: Path, marks: dict[int, str]) -> Path:
    """A Portuguese catalog translating every string, except the marked ones (left empty or fuzzy)."""
    catalog = Catalog(locale="pt")
    for message in [*_messages(load_flow(flow_path)), *_messages(directory_content.read(directory))]:
        mark = marks.get(getattr(message.text, "line", 0)) if getattr(message.text, "file", "") == str(flow_path) else None
        if mark and "not translated" in mark:
            continue
        catalog.add(str(message.text), "PT " + str(message.text), context=message.context,
                    flags=("fuzzy",) if mark and "fuzzy" in mark else ())
    po = tmp_path / "translations" / "pt" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalog)
    return po.parent.parent.parent


def run_check(app, flows: Path, translations: Path):
    result = app.test_cli_runner().invoke(args=["flows", "check", "--flows", str(flows),
                                                "--translations", str(translations)])
    lines = result.output.splitlines()
    found = []
    for index, line in enumerate(lines):
        match = FINDING.match(line)
        if match:
            hint = lines[index + 1] if index + 1 < len(lines) else ""
            found.append((match["file"], int(match["line"]), match["message"], hint))
    return result, found


def assert_reported(found, file: str, expected: dict[int, str]) -> None:
    for line, fragment in expected.items():
        assert any(f == file and n == line and fragment in m for f, n, m, _ in found), (line, fragment, found)
    unexpected = [(n, m) for f, n, m, _ in found if f == file and n not in expected]
    assert not unexpected, unexpected
    assert all(hint.startswith("    hint: ") for f, *_, hint in found if f == file)


BROKEN_FLOWS = sorted(HERE.glob("*.yaml"))


@pytest.mark.parametrize("path", BROKEN_FLOWS, ids=[p.stem for p in BROKEN_FLOWS])
def test_each_mistake_is_named_at_its_file_and_line(app, tmp_path, path):
    header = path.read_text().splitlines()[0]
    extra = HERE / "directory" / header.split("directory: ")[1] if "directory: " in header else None
    flows = content_folder(tmp_path, path, extra)
    copied = flows / path.name
    expected = expectations(path)
    translations = tmp_path / "no-translations"
    if "translations:" in header:
        translations = catalog_leaving_out(tmp_path, copied, flows / "directory", expected)
    result, found = run_check(app, flows, translations)
    assert result.exit_code == 1, result.output
    assert_reported(found, str(copied), expected)


def test_a_directory_mistake_is_named_in_its_file(app, tmp_path):
    extra = HERE / "directory" / "services-typo.yaml"
    shipped_lines = len((SHIPPED / "directory" / "services.yaml").read_text().splitlines())
    flows = content_folder(tmp_path, directory_extra=extra)
    result, found = run_check(app, flows, tmp_path / "no-translations")
    assert result.exit_code == 1
    assert_reported(found, str(flows / "directory" / "services.yaml"), expectations(extra, shipped_lines))


def test_the_shipped_content_passes(app):
    result = app.test_cli_runner().invoke(args=["flows", "check"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_an_untranslated_interface_string_is_named_at_its_catalog_line(app, tmp_path):
    shipped = SHIPPED.parent / "translations" / "pt" / "LC_MESSAGES" / "messages.po"
    po = tmp_path / "translations" / "pt" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    text = shipped.read_text()
    start = text.index('msgid "Page not found"')
    line = text[:start].count("\n") + 1
    end = text.index("\n\n", start)
    po.write_text(text[:start] + 'msgid "Page not found"\nmsgstr ""' + text[end:])
    result, found = run_check(app, SHIPPED, po.parent.parent.parent)
    assert result.exit_code == 1
    assert [(n, m) for f, n, m, _ in found] == [(line, "not translated into 'pt': 'Page not found'")]


def test_a_plural_with_a_form_left_untranslated_is_named(app, tmp_path):
    shipped = SHIPPED.parent / "translations" / "pt" / "LC_MESSAGES" / "messages.po"
    po = tmp_path / "translations" / "pt" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    text = shipped.read_text()
    start = text.index('msgid "%(num)d problem"')
    line = text[:start].count("\n") + 1
    form = text.index("msgstr[2]", start)
    po.write_text(text[:form] + 'msgstr[2] ""' + text[text.index("\n", form):])
    result, found = run_check(app, SHIPPED, po.parent.parent.parent)
    assert result.exit_code == 1
    assert [(n, m) for f, n, m, _ in found] == [(line, "not translated into 'pt': '%(num)d problem'")]
