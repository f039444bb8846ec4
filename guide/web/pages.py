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
from guide.web import safety, stencil, text
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


@dataclass(frozen=True)
class Step:
    """A question as one walk meets it: what the HTML page and the text page both show."""

    router: Router
    question: Question
    values: tuple[str, ...]  # the options on this path
    tokens: list[str]  # each option as it travels in a URL (fresh for a sensitive question)
    current: str | None  # the answer being changed, if any
    error: str | None
    others: list[tuple[str, str]]  # the other answers, riding along
    links: Links
    back_url: str
    sensitive: bool


def _question_page(router: Router, walk: Walk, question: Question, current: str | None):
    params = router.params(walk)
    links = Links.of(router, params)
    earlier = _path_before(walk, question.id)
    values = router.choices(question, _walk_until(walk, earlier))
    error = None
    if walk.rejected is not None and question is walk.node:
        error = _("“%(value)s” is not one of the answers. Choose one of the options.", value=_shown(walk.rejected))
    step = Step(router, question, values, [router.encode(question, value) for value in values], current, error,
                [(q, v) for q, v in params if q != question.id], links, _back_url(links, earlier),
                _is_sensitive(walk, question))
    return _question_text(step) if text.wants_text() else _question_html(step)


def _question_html(step: Step):
    holes = {
        "back_url": step.back_url,
        "hidden_inputs": _hidden_inputs(step.others),
        **{f"choice-{n}": token for n, token in enumerate(step.tokens)},
        **({"error": step.error} if step.error else {}),
        **step.links.holes(),
    }
    question = step.question
    return render_walk_page(
        "_question.html",
        page="question",
        title=i18n.translate(question.text),
        status=422 if step.error else 200,
        key=(step.router.flow.id, question.id, step.values, step.current, step.sensitive, tuple(holes)),
        holes=holes,
        context=lambda: dict(
            flow=step.router.flow,
            question=question,
            choices=[Choice(stencil.hole(f"choice-{n}"), option_text(question, value), value == step.current)
                     for n, value in enumerate(step.values)],
            action=step.links.step,
            answers_query=step.links.outline().query,
            sensitive=step.sensitive,
        ),
    )


def _roadmap_page(router: Router, walk: Walk):
    municipality = walk.answer_for("municipality")
    with db.session() as session:
        plan = roadmap.build(session, walk.node.steps, municipality)
    last = [a for a in walk.path if not a.implied][-1]
    links = Links.of(router, router.params(walk))
    sensitive = _is_sensitive(walk, None)
    holes = {"roadmap_body": roadmap_body(router.flow, walk.node, plan, sensitive), **links.holes()}

    def context() -> dict:
        outline = links.outline()
        return dict(flow=router.flow, outcome=walk.node, back_url=outline.question(last.question.id),
                    answers_query=outline.query, summary=_summary(walk, outline), sensitive=sensitive)

    return render_walk_page(
        "_roadmap.html",
        page="roadmap",
        # a sensitive walk's outcome ("without a residence visa") stays out of the browser's history
        title=_("Your roadmap") if sensitive else i18n.translate(walk.node.title),
        key=(router.flow.id, walk.node.id, tuple((a.question.id, a.value) for a in walk.path), sensitive,
             tuple(holes)),
        holes=holes,
        context=context,
    )


def _question_text(step: Step):
    """The question as text; after it, each option's own text page to follow or paste, and Back's."""
    question, mine = step.question, " " + _("(your answer)")
    labels = [i18n.translate(option_text(question, value)) + (mine if value == step.current else "")
              for value in step.values]
    lines = plain.question_lines(_, i18n.translate(question.text), i18n.translate(question.hint), labels, step.error)
    lines += ["", _("To answer, open the address after its number:")]
    site = request.host_url.rstrip("/")
    lines += [f"{n}: {site}{step.links.step}?{urlencode([*step.others, (question.id, token), ('format', 'txt')])}"
              for n, token in enumerate(step.tokens, 1)]
    if step.back_url.startswith(step.links.step):  # a question before this one, not the home page
        lines += ["", _("To go back:"), f"{site}{step.back_url}{'&' if '?' in step.back_url else '?'}format=txt"]
    return text.text_response(lines + (safety.lines(_) if step.sensitive else []), 422 if step.error else 200)


def _roadmap_text(router: Router, walk: Walk):
    with db.session() as session:
        plan = roadmap.build(session, walk.node.steps, walk.answer_for("municipality"))
    lines = plain.roadmap_lines(_, i18n.translate, walk.node, plan)
    return text.text_response(lines + (safety.lines(_) if _is_sensitive(walk, None) else []))


_BODIES: dict[tuple[int, int, str, bool], tuple[object, object, Markup]] = {}


def roadmap_body(flow, outcome, plan: roadmap.Roadmap, sensitive: bool) -> Markup:
    """The steps and offices of a roadmap, the same for everyone there: rendered once per language.

    `roadmap.build` hands out the same `plan` object until the directory is re-read,
    so the HTML is kept against that object (and dropped with it).
    """
    key = (id(outcome), id(plan), i18n.current_language(), sensitive)
    cached = _BODIES.get(key)
    if cached is None or cached[0] is not outcome or cached[1] is not plan:
        if len(_BODIES) > 2000:
            _BODIES.clear()
        cached = _BODIES[key] = (outcome, plan, Markup(render_template(
            "_roadmap_body.html", flow=flow, outcome=outcome, roadmap=plan, sensitive=sensitive)))
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
