"""A flow that would fail a user fails at load time, naming file, line and node."""

import textwrap
from pathlib import Path

import pytest

from guide.engine.loader import load_flow, load_flows
from guide.yamlfile import ContentError

GOOD = textwrap.dedent("""\
    id: mini
    title: Mini
    summary: A tiny flow.
    as_of: "2026-01"
    start: pick
    nodes:
      pick:
        kind: choice
        text: Pick one
        options:
          yes-please:
            label: Yes please
            next: done
          no-thanks:
            label: No thanks
            next: done
      done:
        kind: outcome
        title: Done
        steps:
          - service: nif
            do: Something
    """)


def problems(tmp_path: Path, text: str, services=None) -> list[str]:
    path = tmp_path / "mini.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as caught:
        load_flow(path, services)
    return [str(p) for p in caught.value.problems]


def replace_line(number: int, new: str) -> str:
    lines = GOOD.splitlines()
    lines[number - 1] = new
    return "\n".join(lines) + "\n"


def test_the_good_flow_loads(tmp_path):
    (tmp_path / "mini.yaml").write_text(GOOD)
    assert load_flow(tmp_path / "mini.yaml").start == "pick"


@pytest.mark.parametrize("line, text, message", [
    (4, "as_of: 2026-01-05", "unquoted '2026-01-05' would be read as a date"),
    (12, "        label: no", "unquoted 'no' would be read as a true/false value"),
    (12, "        label: 09:30", "unquoted '09:30' would be read as a number"),
    (12, "        label: 0701", "unquoted '0701' would be read as a number"),
    (12, "        label: 9:30", "unquoted '9:30' would be read as a number"),
    (13, "        next: nowhere", "leads to 'nowhere', which is not a node"),
    (10, "    optoins:", "unknown key 'optoins' in node 'pick'; did you mean 'options'?"),
    (7, "  state:", "node id 'state' is reserved"),
    (7, "  format:", "node id 'format' is reserved"),
    (7, "  Pick_One:", "node id 'Pick_One' is not valid"),
])
def test_each_mistake_is_named_at_its_line(tmp_path, line, text, message):
    found = problems(tmp_path, replace_line(line, text))
    assert any(p.startswith(f"{tmp_path / 'mini.yaml'}:{line}:") and message in p for p in found), found


def test_a_tab_is_reported_at_its_line(tmp_path):
    found = problems(tmp_path, replace_line(9, "\ttext: Pick one"))
    assert found[0].split(":")[1] == "9" and "tabs" in found[0]


def test_a_duplicate_key_names_both_lines(tmp_path):
    text = GOOD.replace("  done:\n", "  pick:\n    kind: outcome\n    title: Again\n    steps: []\n  done:\n")
    found = problems(tmp_path, text)
    assert any(":17:" in p and "duplicate key 'pick' (first at line 7)" in p for p in found), found


def test_a_repeated_option_is_a_duplicate_too(tmp_path):
    text = GOOD.replace("      no-thanks:", "      yes-please:")
    assert any("duplicate key 'yes-please' (first at line 11)" in p for p in problems(tmp_path, text))


def test_a_cycle_is_refused(tmp_path):
    text = GOOD.replace("        next: done\n      no-thanks", "        next: pick\n      no-thanks")
    assert any("cycle: pick -> pick" in p for p in problems(tmp_path, text))


def test_an_unreachable_node_is_refused(tmp_path):
    text = GOOD + "  lost:\n    kind: outcome\n    title: Lost\n    steps: []\n"
    assert any(":23:" in p and "node 'lost' cannot be reached" in p for p in problems(tmp_path, text))


def test_an_unknown_service_is_refused(tmp_path):
    found = problems(tmp_path, GOOD, services={"niss"})
    assert any(":21:" in p and "service 'nif' is not in the directory" in p for p in found), found


def test_the_file_name_must_match_the_id(tmp_path):
    path = tmp_path / "other.yaml"
    path.write_text(GOOD)
    with pytest.raises(ContentError, match="must match the file name 'other.yaml'"):
        load_flow(path)


def test_every_file_is_checked_before_failing(tmp_path):
    (tmp_path / "mini.yaml").write_text(replace_line(4, "as_of: 2026-01-05"))
    (tmp_path / "second.yaml").write_text(GOOD.replace("id: mini", "id: second").replace("options:", "optoins:"))
    with pytest.raises(ContentError) as caught:
        load_flows(tmp_path)
    assert {Path(p.file).name for p in caught.value.problems} == {"mini.yaml", "second.yaml"}


def test_merge_keys_and_tags_are_refused(tmp_path):
    found = problems(tmp_path, replace_line(9, "        text: !!python/object:os.system echo"))
    assert any(":9:" in p and "tags" in p for p in found), found
