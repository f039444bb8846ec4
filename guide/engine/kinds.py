"""Question kinds: one small class each, deciding which answers a question accepts.

`places` maps each island slug to its municipality slugs, as the directory
gives them; the engine never sees more of the directory than that.
"""

from __future__ import annotations

from collections.abc import Mapping

from guide.engine.model import Question, Route

Places = Mapping[str, tuple[str, ...]]


class Choice:
    """Pick one of the options written in the flow."""

    def choices(self, question: Question, answered: Mapping[str, str], places: Places) -> tuple[str, ...]:
        return tuple(o.value for o in question.options)

    def known(self, question: Question, places: Places) -> set[str]:
        """Every answer the question accepts on some path: one of them not accepted on this
        path is an answer that no longer applies, not a mistake."""
        return set(self.choices(question, {}, places))

    def implied(self, question: Question, answered: Mapping[str, str], places: Places) -> str | None:
        return None

    def routes(self, question: Question) -> list[tuple[str | None, Route]]:
        return [(o.value, r) for o in question.options for r in o.routes]


class Island(Choice):
    """Pick one of the nine islands (the directory's slugs)."""

    def choices(self, question, answered, places):
        return tuple(places)

    def routes(self, question):
        return [(None, r) for r in question.routes]


class Municipality(Island):
    """Pick a municipality of the island answered before; implied where there is one."""

    def choices(self, question, answered, places):
        return tuple(places.get(answered.get(question.island_question, ""), ()))

    def known(self, question, places):
        return {municipality for municipalities in places.values() for municipality in municipalities}

    def implied(self, question, answered, places):
        choices = self.choices(question, answered, places)
        return choices[0] if len(choices) == 1 else None


KINDS = {"choice": Choice(), "island": Island(), "municipality": Municipality()}
