"""A step or a roadmap as plain text: the text pages (`?format=txt`) and SMS both say it so.

No markup and no web: the caller passes `_` (gettext for UI strings) and `t`
(content text, a `Msg`, in the reader's language). Options are numbered, lines
are short sentences, and nothing needs a screen to be understood.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Gettext = Callable[[str], str]


def question_lines(_: Gettext, title: str, hint: str | None, labels: Sequence[str],
                   error: str | None = None) -> list[str]:
    """The question, its hint and its numbered options."""
    lines = [error] if error else []
    lines.append(title)
    if hint:
        lines.append(hint)
    lines += [f"{number}. {label}" for number, label in enumerate(labels, 1)]
    return lines


class _Sources:
    """Sources cited as [n]; listed once, in full, at the end. Off (None) for SMS."""

    def __init__(self, _: Gettext):
        self._, self.urls = _, {}

    def cite(self, source) -> str:
        number = self.urls.setdefault(source.url, len(self.urls) + 1)
        unverified = ", " + self._("not verified") if not source.verified else ""
        date = self._("undated") if source.as_of == "undated" else source.as_of
        return f" [{number}: {date}{unverified}]"

    def lines(self) -> list[str]:
        return ["", self._("Sources:"), *(f"[{n}] {url}" for url, n in self.urls.items())] if self.urls else []


def roadmap_lines(_: Gettext, t: Callable, outcome, plan, *, brief: bool = False) -> list[str]:
    """The roadmap: where it applies, then each step, what to bring and where to go.

    `brief` (for SMS) leaves out the summary, notes and sources, which the web page keeps.
    """
    sources = None if brief else _Sources(_)
    lines = [t(outcome.title),
             _("Your roadmap for %(municipality)s, %(island)s.") % {
                 "municipality": plan.municipality.name, "island": plan.island.name}]
    if outcome.summary and not brief:
        lines.append(t(outcome.summary))
    for fact in outcome.facts:
        lines.append(t(fact.text) + (sources.cite(fact.source) if sources else ""))
    for number, item in enumerate(plan.steps, 1):
        lines += ["", f"{number}. {t(item.step.do)}"]
        bring = item.step.bring or item.service.documents
        if bring:
            lines.append(_("Bring:") + " " + "; ".join(t(b) for b in bring) + ".")
        lines += _where(_, t, plan, item, sources, brief)
    return lines + (sources.lines() if sources else [])


def _where(_: Gettext, t: Callable, plan, item, sources: _Sources | None, brief: bool) -> list[str]:
    heading = _fallback_heading(_, plan, item.fallback, brief)
    lines = [heading] if heading else []
    for office in item.offices:
        cited = sources.cite(office.source) if sources else ""
        unverified = f" ({_('not verified')})" if brief and not office.verified else ""
        lines.append(f"- {office.name}{_office_place(plan, office, brief)}{cited}{unverified}")
        if not office.verified and not brief:
            lines.append("  " + _("Not verified: check with the organisation before you go."))
        if office.note and not brief:
            lines.append("  " + t(office.note))
        for label, fact in ((_("Address"), office.address), (_("Phone"), office.phone),
                            (_("Opening hours"), office.hours)):
            if fact is not None:
                note = f" ({t(fact.note)})" if fact.note and not brief else ""
                lines.append(f"  {label}: {t(fact.value)}{note}" + (sources.cite(fact.source) if sources else ""))
        if office.address is None and not brief:
            lines.append("  " + _("Address not published in our sources."))
    for channel in item.channels:
        hours = f" ({t(channel.hours)})" if channel.hours else ""
        cited = sources.cite(channel.source) if sources else ""
        lines.append(f"- {t(channel.label)}: {channel.value}{hours}{cited}")
    return lines


def _fallback_heading(_: Gettext, plan, fallback: str, brief: bool) -> str | None:
    """Why the offices below are not in the reader's municipality; shorter over SMS, where
    every character is paid for (the same heading in each of a roadmap's steps)."""
    if brief:
        headings = {
            "island": _("No office in %(municipality)s in our sources. Nearest:"),
            "other-island": _("No office on %(island)s in our sources. Nearest, on another island:"),
            "remote": _("No office on %(island)s in our sources. Without travelling:"),
        }
    else:
        headings = {
            "island": _("We have no office for this in %(municipality)s in our sources. The nearest on your island:"),
            "other-island": _("We have no office for this on %(island)s in our sources. "
                              "The nearest is on another island:"),
            "remote": _("We have no office for this on %(island)s in our sources. You can do it without travelling:"),
        }
    heading = headings.get(fallback)
    return heading % {"municipality": plan.municipality.name, "island": plan.island.name} if heading else None


def _office_place(plan, office, brief: bool) -> str:
    """Where an office is; over SMS only what its name and the reader's own place do not say."""
    if not brief:
        return f" ({office.municipality.name}, {office.island.name})"
    said = []
    if office.municipality.slug != plan.municipality.slug and office.municipality.name not in office.name:
        said.append(office.municipality.name)
    if office.island.slug != plan.island.slug:
        said.append(office.island.name)
    return f" ({', '.join(said)})" if said else ""
