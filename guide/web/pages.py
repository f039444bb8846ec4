"""What a walk looks like as a page: a question (possibly with an error) or a roadmap."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from guide import content, db, i18n, plain, roadmap
from guide.engine import Router, Walk
from guide.engine.model import Question
from guide.text import Msg, printable
from guide.web import stencil, text
from guide.web.render import render_walk_page


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


@dataclass(frozen=True)
class Links:
    """URLs of one walk: the step, and each question with the path's answers riding along."""

    step: str
    query: str

    @classmethod
    def of(cls, router: Router, params: list[tuple[str, str]]) -> Links:
        return cls(_step_url(router.flow.id), urlencode(params))

    def question(self, question_id: str) -> str:
        """What Back and "change" open: the question, its answer selected."""
        return f"{self.step}{question_id}/?{self.query}" if self.query else f"{self.step}{question_id}/"

    def holes(self) -> dict[str, str]:
        """The answers as a stencil's hole (none for a walk with no answers to carry)."""
        return {"answers_query": self.query} if self.query else {}

    def outline(self) -> Links:
        """These links as a stencil draws them: the answers are its hole."""
        return Links(self.step, stencil.hole("answers_query") if self.query else "")


def _step_url(flow_id: str) -> str:
    """The step's address in this language, kept once built (`url_for` costs as much as replaying two answers)."""
    key = (request.script_root, i18n.current_language(), flow_id)
    urls = current_app.extensions.setdefault("step_urls", {})
    if key not in urls:
        urls[key] = url_for("web.step", lang=key[1], flow_id=flow_id)
    return urls[key]


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
    params = router.params(walk)
    links = Links.of(router, params)
    earlier = _path_before(walk, question.id)
    values = router.choices(question, _walk_until(walk, earlier))
    tokens = [router.encode(question, value) for value in values]  # fresh for a sensitive question
    others = [(q, v) for q, v in params if q != question.id]
    error = None
    if walk.rejected is not None and question is walk.node:
        error = _("“%(value)s” is not one of the answers. Choose one of the options.", value=_shown(walk.rejected))
    if text.wants_text():
        labels = [option_text(question, value) for value in values]
        return _question_text(links.step, question, others, list(zip(tokens, labels)), error)
    holes = {
        "back_url": _back_url(links, earlier),
        "hidden_inputs": _hidden_inputs(others),
        **{f"choice-{n}": token for n, token in enumerate(tokens)},
        **({"error": error} if error else {}),
        **links.holes(),
    }
    sensitive = _is_sensitive(walk, question)
    return render_walk_page(
        "_question.html",
        page="question",
        title=i18n.translate(question.text),
        status=422 if error else 200,
        key=(router.flow.id, question.id, values, current, sensitive, tuple(holes)),
        holes=holes,
        context=lambda: dict(
            flow=router.flow,
            question=question,
            choices=[Choice(stencil.hole(f"choice-{n}"), option_text(question, value), value == current)
                     for n, value in enumerate(values)],
            action=links.step,
            answers_query=links.outline().query,
            sensitive=sensitive,
        ),
    )


def _roadmap_page(router: Router, walk: Walk):
    municipality = walk.answer_for("municipality")
    with db.session() as session:
        plan = roadmap.build(session, walk.node.steps, municipality)
    last = [a for a in walk.path if not a.implied][-1]
    links = Links.of(router, router.params(walk))
    holes = {"roadmap_body": roadmap_body(router.flow, walk.node, plan), **links.holes()}
    sensitive = _is_sensitive(walk, None)

    def context() -> dict:
        outline = links.outline()
        return dict(flow=router.flow, outcome=walk.node, back_url=outline.question(last.question.id),
                    answers_query=outline.query, summary=_summary(walk, outline), sensitive=sensitive)

    return render_walk_page(
        "_roadmap.html",
        page="roadmap",
        title=i18n.translate(walk.node.title),
        key=(router.flow.id, walk.node.id, tuple((a.question.id, a.value) for a in walk.path), sensitive,
             tuple(holes)),
        holes=holes,
        context=context,
    )


def _question_text(step: str, question: Question, others: list[tuple[str, str]],
                   options: list[tuple[str, Msg | str]], error: str | None):
    """The question as text; after it, the text page of each option (URL value, label) at
    `step`, carrying the `others` answers, to follow or paste."""
    lines = plain.question_lines(_, i18n.translate(question.text), i18n.translate(question.hint),
                                 [i18n.translate(label) for _token, label in options], error)
    lines += ["", _("To answer, open the address after its number:")]
    base = request.host_url.rstrip("/") + step
    lines += [f"{n}: {base}?{urlencode([*others, (question.id, token), ('format', 'txt')])}"
              for n, (token, _label) in enumerate(options, 1)]
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


def _hidden_inputs(params: list[tuple[str, str]]) -> Markup:
    """The answers a step's form carries along, as hidden inputs."""
    return Markup("".join(f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
                          for name, value in params))


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
