"""Engine units on a toy flow: replay, routing by conditions, bad answers, the machine."""

import ast
from pathlib import Path

import pytest

from guide.engine import Router
from guide.engine.loader import load_flow
from guide.engine.model import Outcome
from guide.engine.tokens import AnswerCodec

TOY = Path(__file__).parent / "flows" / "toy.yaml"
PLACES = {"pico": ("lajes-do-pico", "madalena", "sao-roque-do-pico"), "corvo": ("corvo",)}


@pytest.fixture(scope="module")
def router():
    return Router(load_flow(TOY), PLACES, AnswerCodec(b"test"))


def walk(router, **answers):
    return router.walk({k.replace("_", "-"): [v] for k, v in answers.items()})


def test_an_empty_walk_stops_at_the_first_question(router):
    result = walk(router)
    assert result.node.id == "colour" and result.path == () and result.rejected is None


def test_answers_are_replayed_in_any_order(router):
    one = router.walk({"municipality": ["madalena"], "island": ["pico"], "size": ["large"], "colour": ["red"]})
    other = router.walk({"colour": ["red"], "size": ["large"], "island": ["pico"], "municipality": ["madalena"]})
    assert one.node.id == other.node.id == "big-red"
    assert [a.question.id for a in one.path] == ["colour", "size", "island", "municipality"]


def test_conditions_on_earlier_answers_choose_the_outcome(router):
    assert walk(router, colour="red", size="small", island="pico", municipality="madalena").node.id == "small-red"
    assert walk(router, colour="blue", island="pico", municipality="madalena").node.id == "blue"


def test_answers_off_the_path_are_ignored(router):
    result = walk(router, colour="blue", size="large", island="pico", municipality="lajes-do-pico")
    assert result.node.id == "blue"
    assert "size" not in result.answers()


def test_an_answer_that_is_not_an_option_stops_there_with_the_value(router):
    result = walk(router, colour="green", island="pico")
    assert result.node.id == "colour" and result.rejected == "green"


def test_a_municipality_of_the_island_answered_before_no_longer_applies(router):
    result = walk(router, colour="blue", island="pico", municipality="corvo")  # the island changed from Corvo
    assert result.node.id == "municipality" and result.rejected is None
    assert walk(router, colour="blue", island="pico", municipality="atlantis").rejected == "atlantis"


def test_two_answers_to_one_question_are_rejected_not_guessed(router):
    result = router.walk({"colour": ["red", "blue"]})
    assert result.node.id == "colour" and result.rejected == "red, blue"
    assert router.walk({"colour": ["red", "red"], "size": ["large"]}).node.id == "island"  # the same one twice


def test_an_island_with_one_municipality_answers_it(router):
    result = walk(router, colour="blue", island="corvo")
    assert isinstance(result.node, Outcome)
    assert result.path[-1].question.id == "municipality"
    assert result.path[-1].value == "corvo" and result.path[-1].implied


def test_municipality_choices_follow_the_island(router):
    at_municipality = walk(router, colour="blue", island="pico")
    assert router.choices(at_municipality.node, at_municipality) == PLACES["pico"]


def test_sensitive_answers_travel_as_tokens(tmp_path):
    text = TOY.read_text().replace("    kind: choice\n    text: Which size?", "    kind: choice\n    sensitive: true\n    text: Which size?")
    (tmp_path / "toy.yaml").write_text(text)
    router = Router(load_flow(tmp_path / "toy.yaml"), PLACES, AnswerCodec(b"secret"))
    size = router.flow.nodes["size"]
    token = router.encode(size, "large")
    assert token != "large" and "large" not in token
    assert walk(router, colour="red", size=token, island="corvo").node.id == "big-red"
    assert walk(router, colour="red", size="large").rejected == "large"
    again = router.encode(size, "large")
    assert again != token, "the same answer reads differently in every walk"
    assert walk(router, colour="red", size=again, island="corvo").node.id == "big-red"
    other_key = Router(router.flow, PLACES, AnswerCodec(b"other"))
    assert walk(other_key, colour="red", size=token).rejected == token
    assert walk(router, colour="red", size="grão").rejected == "grão"  # not hex, not ASCII: refused, no crash


def test_the_machine_is_built_once_and_holds_no_model(router):
    machine = router.machine
    for _ in range(2000):
        walk(router, colour="red", size="small", island="pico", municipality="madalena")
    assert router.machine is machine
    assert machine.models == []
    assert not hasattr(machine, "to_colour")


def test_the_machine_routes_not_the_code(router):
    transitions = router.machine.get_transitions("municipality", source="municipality")
    assert [t.dest for t in transitions] == ["big-red", "small-red", "blue"]


def test_the_engine_imports_nothing_of_the_web():
    forbidden = {"flask", "flask_babel", "htmx_flask", "sqlmodel", "sqlalchemy", "werkzeug", "jinja2"}
    engine = Path(__file__).parent.parent / "guide" / "engine"
    for path in engine.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"
