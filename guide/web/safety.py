"""Pages about asylum, trafficking or violence: emergency contacts, and the "report wrong information" link.

Only numbers an official or named source gives are listed, each with that
source and the source's date. National lines keep mainland hours, one hour
ahead of the Azores; the label says so where hours are known.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from flask import Flask, current_app, url_for

from guide import i18n


def N_(text: str) -> str:
    """Mark a UI string for extraction; the template translates it per request with `_()`."""
    return text


DEFAULT_REPORT_EMAIL = "atendimento.drc@azores.gov.pt"  # the DRC's public-service address (2025-09 source)


@dataclass(frozen=True)
class Source:
    url: str
    as_of: str
    verified: bool = True


@dataclass(frozen=True)
class Contact:
    number: str
    href: str
    label: str
    sources: tuple[Source, ...]


CONTACTS = (
    Contact("112", "tel:112", N_("Emergency: police, ambulance, fire brigade. Free, from any phone."),
            (Source("https://europa.eu/youreurope/citizens/travel/safety/emergency/index_pt.htm", "2016-09-30"),)),
    Contact("116 006", "tel:116006",
            N_("APAV victim support line, free. Weekdays 08:00–23:00 mainland time, which is 07:00–22:00 in the Azores."),
            (Source("https://protecaocivil.sintra.pt/noticias/novas-linhas-de-apoio-para-vitimas-de-violencia-domestica", "2020"),
             Source("https://www.dnoticias.pt/2024/9/3/418464-apav-prestou-apoio-a-tres-utentes-da-madeira-na-sequencia-de-homicidios-tentados-ou-consumados/", "2024-09"))),
    Contact("800 202 148", "tel:+351800202148",
            N_("Information line for victims of domestic violence (CIG): free, anonymous, 24 hours."),
            (Source("https://www.cig.gov.pt/servicos/servico-de-informacao-as-vitimas-de-violencia-domestica/", "2018-10-02"),)),
    Contact("964 608 288", "tel:+351964608288",
            N_("Support line for victims of human trafficking: anonymous, 24 hours, charged as a call to a mobile."),
            (Source("https://eportugal.gov.pt/servicos/pedir-apoio-para-as-vitimas-de-trafico-de-pessoas", "undated"),)),
)


def report_email() -> str:
    """Where "report wrong information" writes to: REPORT_EMAIL, by default the DRC's desk."""
    return current_app.config.get("REPORT_EMAIL") or DEFAULT_REPORT_EMAIL


def report_href(subject: str) -> str:
    """A mailto: link to report_email(), with a subject naming the page (never the answers)."""
    return f"mailto:{report_email()}?subject={quote(subject)}"


def lines(_) -> list[str]:
    """The emergency lines for a sensitive text page; their sources are on the help page, as on the web."""
    help_page = url_for("web.help_now", lang=i18n.current_language(), _external=True)
    return ["", _("If you are in danger or need help now"), *(f"- {c.number}: {_(c.label)}" for c in CONTACTS),
            f"{_('Where these numbers come from')}: {help_page}"]


def init_app(app: Flask) -> None:
    app.config.setdefault("REPORT_EMAIL", DEFAULT_REPORT_EMAIL)
    app.jinja_env.globals.update(safety_contacts=CONTACTS, report_href=report_href,
                                 report_email=report_email)
