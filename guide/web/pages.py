"""What a walk looks like as a page: a question (possibly with an error) or a roadmap."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from guide import content, db, i18n, plain, roadmap
from guide.engine import Router, Walk
from guide.engine.model import Question
from guide.text import Msg, printable
from guide.web import text
from guide.web.render import render_page


@dataclass(frozen=True)
class Choice:
    value: str
    label: Msg | str  # translated by the template, which marks text left in English
    selected: bool


@dataclass(frozen=True)
class SummaryRow:
    question: Msg  # translated by the template, like Choice.label
    answer: Msg | str
    change_url: str | None


class Links:
    """URLs of one walk: the step, and each question with the path's answers riding along."""

    def __init__(self, router: Router, walk: Walk):
        self.router, self.walk = router, walk
        self.step = url_for("web.step", lang=i18n.current_language(), flow_id=router.flow.id)
        self.query = urlencode(router.params(walk))

    def question(self, question_id: str) -> str:
        """What Back and "change" open: the question, its answer selected."""
        return f"{self.step}{question_id}/?{self.query}" if self.query else f"{self.step}{question_id}/"


def walk_page(router: Router, walk: Walk, revisit: str | None = None):
    """Render the page a walk leads to; `revisit` names a question being changed."""
    on_path = {a.question.id: a for a in walk.path if not a.implied}
    if revisit in on_path:
        return _question_page(router, walk, on_path[revisit].question, current=on_path[revisit].value)
    if walk.finished:
        return _roadmap_text(router, walk) if text.wants_text() else _roadmap_page(router, walk)
    return _question_page(router, walk, walk.node, current=None)


def option_text(question: Question, value: str) -> Msg | str:
    """An option's label (content text), or the place's name (a proper noun)."""
    if question.kind == "choice":
        return question.option(value).label
    return content.current().place_names.get(value, value)


def _question_page(router: Router, walk: Walk, question: Question, current: str | None):
    links = Links(router, walk)
    earlier = _path_before(walk, question.id)
    choices = [
        Choice(router.encode(question, value), option_text(question, value), value == current)
        for value in router.choices(question, _walk_until(walk, earlier))
    ]
    error = None
    if walk.rejected is not None and question is walk.node:
        error = _("“%(value)s” is not one of the answers. Choose one of the options.", value=_shown(walk.rejected))
    if text.wants_text():
        return _question_text(router, walk, question, choices, error)
    return render_page(
        "_question.html",
        page="question",
        title=i18n.translate(question.text),
        status=422 if error else 200,
        carries_answers=True,
        flow=router.flow,
        question=question,
        choices=choices,
        error=error,
        hidden=router.params(walk, leave_out=question.id),
        action=links.step,
        answers_query=links.query,
        back_url=_back_url(links, earlier),
        sensitive=_is_sensitive(walk, question),
    )


def _roadmap_page(router: Router, walk: Walk):
    municipality = walk.answer_for("municipality")
    with db.session() as session:
        plan = roadmap.build(session, walk.node.steps, municipality)
    last = [a for a in walk.path if not a.implied][-1]
    links = Links(router, walk)
    return render_page(
        "_roadmap.html",
        page="roadmap",
        title=i18n.translate(walk.node.title),
        carries_answers=True,
        flow=router.flow,
        outcome=walk.node,
        roadmap=plan,
        roadmap_body=roadmap_body(router.flow, walk.node, plan),
        back_url=links.question(last.question.id),
        answers_query=links.query,
        summary=_summary(walk, links),
        sensitive=_is_sensitive(walk, None),
    )


def _question_text(router: Router, walk: Walk, question: Question, choices: list[Choice], error: str | None):
    """The question as text; each option's own text page listed after it, to follow or paste."""
    lines = plain.question_lines(_, i18n.translate(question.text), i18n.translate(question.hint),
                                 [i18n.translate(c.label) for c in choices], error)
    hidden = router.params(walk, leave_out=question.id)
    step = url_for("web.step", lang=i18n.current_language(), flow_id=router.flow.id)
    lines += ["", _("To answer, open the address after its number:")]
    lines += [f"{n}: {request.host_url.rstrip('/')}{step}?"
              f"{urlencode([*hidden, (question.id, c.value), ('format', 'txt')])}" for n, c in enumerate(choices, 1)]
    return text.text_response(lines, 422 if error else 200)


def _roadmap_text(router: Router, walk: Walk):
    with db.session() as session:
        plan = roadmap.build(session, walk.node.steps, walk.answer_for("municipality"))
    return text.text_response(plain.roadmap_lines(_, i18n.translate, walk.node, plan))


_BODIES: dict[tuple[int, int, str], tuple[object, object, Markup]] = {}


def roadmap_body(flow, outcome, plan: roadmap.Roadmap) -> Markup:
    """The steps and offices of a roadmap, the same for everyone there: rendered once per language.

    `roadmap.build` hands out the same `plan` object until the directory is re-read,
    so the HTML is kept against that object (and dropped with it).
    """
    key = (id(outcome), id(plan), i18n.current_language())
    cached = _BODIES.get(key)
    if cached is None or cached[0] is not outcome or cached[1] is not plan:
        if len(_BODIES) > 2000:
            _BODIES.clear()
        cached = _BODIES[key] = (outcome, plan, Markup(render_template(
            "_roadmap_body.html", flow=flow, outcome=outcome, roadmap=plan)))
    return cached[2]


def _path_before(walk: Walk, question_id: str) -> list:
    ids = [a.question.id for a in walk.path]
    return list(walk.path[: ids.index(question_id)]) if question_id in ids else list(walk.path)


def _walk_until(walk: Walk, earlier: list) -> Walk:
    return Walk(walk.flow, tuple(earlier), walk.node)


def _back_url(links: Links, earlier: list) -> str:
    """Back goes to the previous question the person answered, else to the needs."""
    asked = [a for a in earlier if not a.implied]
    if not asked:
        return url_for("web.home", lang=i18n.current_language())
    return links.question(asked[-1].question.id)


def _summary(walk: Walk, links: Links) -> list[SummaryRow]:
    return [
        SummaryRow(
            a.question.text,
            option_text(a.question, a.value),
            None if a.implied else links.question(a.question.id),
        )
        for a in walk.path
    ]


def _shown(value: str, limit: int = 40) -> str:
    """A rejected value as it may be echoed: printable, short, so no one can write on our page."""
    shown = printable(value)
    return shown if len(shown) <= limit else shown[:limit] + "…"


def _is_sensitive(walk: Walk, question: Question | None) -> bool:
    return (question is not None and question.sensitive) or any(a.question.sensitive for a in walk.path)
