"""An SMS conversation over the same flows and roadmaps as the web, with no web in it.

The state is what the web keeps in its URLs: the need (flow) and the answers,
as URL values (sensitive ones as tokens). Each reply replays them through the
flow's Router, so a conversation follows the same routes as the site; a
finished walk becomes text through `guide.roadmap.build` and `guide.plain`,
paged into replies of at most `max_segments` segments.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from guide import plain
from guide.engine import Router, Walk
from guide.sms import gsm, words
from guide.text import Msg


@dataclass(frozen=True)
class State:
    lang: str
    flow: str | None = None
    answers: Mapping[str, str] = field(default_factory=dict)
    pages: tuple[str, ...] = ()
    page: int = 0


@dataclass(frozen=True)
class Reply:
    state: State | None  # None: forget this number (it opted out)
    text: str  # "" sends nothing


class Words:
    """UI and content text in one language, from a gettext catalog."""

    def __init__(self, catalog):
        self.catalog = catalog

    def _(self, text: str) -> str:
        return self.catalog.ugettext(text)

    def ngettext(self, singular: str, plural: str, num: int) -> str:
        return self.catalog.ungettext(singular, plural, num) % {"num": num}

    def t(self, message) -> str:
        if message is None:
            return ""
        return self.catalog.upgettext(message.context, message.text) if isinstance(message, Msg) else str(message)


class Conversation:
    """Turns one incoming message and the stored state into a reply and the new state."""

    def __init__(self, routers: Mapping[str, Router], place_names: Mapping[str, str],
                 catalogs: Callable[[str], object], roadmap: Callable, languages=("pt", "en"),
                 max_segments: int = 3):
        self.routers, self.place_names, self.catalogs = routers, place_names, catalogs
        self.roadmap, self.languages, self.max_segments = roadmap, tuple(languages), max_segments

    def start(self) -> State:
        return State(lang=self.languages[0])

    def handle(self, state: State | None, body: str) -> Reply:
        said = words.normalise(body)
        if said in words.OPT_OUT:
            return Reply(None, "")
        if said in words.CARRIER:
            return Reply(state, "")  # the network answers HELP and INFO itself
        state = state or self.start()
        lang = words.language(said, self.languages)
        if lang:
            return self.show(replace(state, lang=lang))
        action = words.command(said)
        if action == "more":
            return self.more(state)
        if action == "restart" or state.flow is None and not self.need(said):
            return self.show(State(lang=state.lang))
        if state.flow is None:
            return self.show(replace(state, flow=self.need(said), answers={}))
        if action == "back":
            return self.show(self.back(state))
        return self.answer(state, said)

    def limited(self, state: State, body: str, minutes: int | None) -> Reply:
        """A message over the number's rate limit: nothing is done with it, but opting out still works.

        With `minutes`, it says once when the guide answers again; without, nothing is sent (nor charged).
        """
        if words.normalise(body) in words.OPT_OUT:
            return Reply(None, "")
        if minutes is None:
            return Reply(state, "")
        return Reply(state, self.words_for(state.lang).ngettext(
            "You have sent many messages. The guide will answer again in %(num)d minute.",
            "You have sent many messages. The guide will answer again in %(num)d minutes.", minutes))

    # -- the conversation's moves ---------------------------------------------------------

    def need(self, said: str) -> str | None:
        """The flow a reply chooses on the menu: its number, id or a word of its title."""
        ids = list(self.routers)
        for lang in self.languages:
            titles = [self.words_for(lang).t(self.routers[i].flow.title) for i in ids]
            index = words.match(said, titles, ids)
            if index is not None:
                return ids[index]
        return None

    def answer(self, state: State, said: str) -> Reply:
        router = self.routers[state.flow]
        walk = router.walk(_params(state))
        if walk.finished:  # reading the roadmap: anything but a command repeats the part being read
            state = self.reading(state)
            return Reply(state, state.pages[state.page])
        values, labels = self.options(router, walk, state.lang)
        index = words.match(said, labels, values)
        if index is None:
            return self.show(state, unknown=True)
        answers = {**state.answers, walk.node.id: router.encode(walk.node, values[index])}
        return self.show(replace(state, answers=answers))

    def back(self, state: State) -> State:
        walk = self.routers[state.flow].walk(_params(state))
        asked = [a.question.id for a in walk.path if not a.implied]
        if not asked:
            return State(lang=state.lang)
        return replace(state, answers={k: v for k, v in state.answers.items() if k != asked[-1]})

    def more(self, state: State) -> Reply:
        state = self.reading(state)
        if state.page + 1 < len(state.pages):
            following = replace(state, page=state.page + 1)
            return Reply(following, following.pages[following.page])
        return self.show(state, prefix=self.words_for(state.lang)._("There is nothing more."))

    def show(self, state: State, prefix: str = "", unknown: bool = False) -> Reply:
        """Say where the conversation stands: the menu, a question or the roadmap, paged."""
        text = self.current_text(state, unknown)
        text = f"{prefix}\n{text}" if prefix else text
        pages = self.paged(state.lang, text)
        state = replace(state, pages=tuple(pages), page=0)
        return Reply(state, pages[0])

    def reading(self, state: State) -> State:
        """`state` with the pages being read: as kept or, where none are kept (a sensitive
        walk's), drawn again, the page being read the same where it can be."""
        if state.pages:
            return state
        pages = self.paged(state.lang, self.current_text(state))
        return replace(state, pages=tuple(pages), page=min(state.page, len(pages) - 1))

    def sensitive(self, state: State) -> bool:
        """Whether a sensitive question has been answered: then its text tells the answer."""
        if state.flow is None:
            return False
        return any(answer.question.sensitive for answer in self.routers[state.flow].walk(_params(state)).path)

    def paged(self, lang: str, text: str) -> list[str]:
        """`text` in replies of at most `max_segments`, each but the last saying how to go on."""
        _ = self.words_for(lang)._
        return gsm.paginate(text, self.max_segments,
                            lambda n, total: _("Reply MORE (%(page)s/%(pages)s)")
                            % {"page": n, "pages": total})

    def current_text(self, state: State, unknown: bool = False) -> str:
        """The menu, the current question or the roadmap; after an unknown reply, the same again."""
        w = self.words_for(state.lang)
        _ = w._
        if state.flow is None:
            needs = [w.t(r.flow.title) for r in self.routers.values()]
            return "\n".join([_("Azores Migrant Guide. What do you need help with?"),
                              *(f"{n}. {title}" for n, title in enumerate(needs, 1)),
                              _("Reply with a number. PT: in Portuguese.")])
        router = self.routers[state.flow]
        walk = router.walk(_params(state))
        if walk.finished:
            plan = self.roadmap(walk.node.steps, walk.answer_for("municipality"))
            return self.roadmap_text(state.lang, walk.node, plan)
        _values, labels = self.options(router, walk, state.lang)
        error = _("That is not one of the answers.") if unknown else None
        lines = plain.question_lines(_, w.t(walk.node.text), None, labels, error)
        return "\n".join([*lines, _("Reply with a number, BACK or MENU.")])

    def roadmap_text(self, lang: str, outcome, plan) -> str:
        w = self.words_for(lang)
        lines = plain.roadmap_lines(w._, w.t, outcome, plan, brief=True)
        return "\n".join([*lines, "", w._("Reply MENU to start again.")])

    def options(self, router: Router, walk: Walk, lang: str) -> tuple[list[str], list[str]]:
        question, w = walk.node, self.words_for(lang)
        values = list(router.choices(question, walk))
        if question.kind == "choice":
            return values, [w.t(question.option(v).label) for v in values]
        return values, [self.place_names.get(v, v) for v in values]

    def words_for(self, lang: str) -> Words:
        return Words(self.catalogs(lang))


def _params(state: State) -> dict[str, list[str]]:
    return {question: [value] for question, value in state.answers.items()}
