"""Load a checked Directory into the database, replacing what was there.

One transaction deletes every directory row and inserts the new ones, so a
reader sees either the old directory or the new one, and loading the same
YAML twice leaves the same rows (ids are numbered in file order). Only
portable SQL through SQLAlchemy: SQLite and PostgreSQL behave the same.

The search index (`SearchEntry`) is built here too: names folded to lower case
without accents, in English and in every compiled catalog's language, so the
query side needs nothing but `LIKE` (PITFALLS #13). The tables are only an
index of the YAML, so when their columns change they are dropped and rebuilt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from babel.support import Translations
from sqlalchemy import delete, inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from guide.directory import models
from guide.directory.content import Channel, Directory, Fact, Source
from guide.text import Msg

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
Translate = Callable[[str, str], str]  # (msgctxt, English) -> text in one language


def fold(text: str) -> str:
    """Lower-case without accents: 'São Roque' and 'SAO ROQUE' both give 'sao roque'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_key(text: str) -> str:
    """Folded words of letters and digits, one space apart: 'Horta (Angústias)' -> 'horta angustias'."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def catalogs(folder: Path = TRANSLATIONS) -> dict[str, Translate]:
    """English (the source) and every language with a compiled catalog in `folder`."""
    found: dict[str, Translate] = {"en": lambda context, text: text}
    for mo in sorted(Path(folder).glob("*/LC_MESSAGES/messages.mo")):
        lang = mo.parent.parent.name
        found[lang] = Translations.load(str(folder), [lang]).pgettext
    return found


def load(directory: Directory, engine: Engine, languages: dict[str, Translate] | None = None) -> dict[str, int]:
    """Replace the directory tables' rows with `directory`; return row counts by table."""
    _create_tables(engine)
    rows = list(_rows(directory)) + list(_search_rows(directory, languages or catalogs()))
    with Session(engine) as session:
        for table in reversed(models.TABLES):
            session.execute(delete(table))
        for table in models.TABLES:  # parents first: PostgreSQL checks foreign keys per statement
            session.add_all(row for row in rows if row.__table__ is table)
            session.flush()
        session.commit()
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.__tablename__] = counts.get(row.__tablename__, 0) + 1
    return counts


def _create_tables(engine: Engine) -> None:
    """Create the tables; drop them first if an older version has other columns."""
    existing = inspect(engine)
    stale = [t for t in models.TABLES if existing.has_table(t.name)
             and {c["name"] for c in existing.get_columns(t.name)} != {c.name for c in t.columns}]
    if stale:
        SQLModel.metadata.drop_all(engine, tables=models.TABLES)
    SQLModel.metadata.create_all(engine, tables=models.TABLES)


def _src(source: Source) -> dict:
    return {"source_url": source.url, "as_of": source.as_of, "verified": source.verified}


def _text(value) -> str | None:
    return None if value is None else str(value)


def _rows(d: Directory):
    counter = {"channel": 0, "fact": 0}

    def channel(kind: str, owner: str, position: int, c: Channel) -> models.Channel:
        counter["channel"] += 1
        return models.Channel(id=counter["channel"], owner_kind=kind, owner_slug=owner, position=position,
                              kind=c.kind, value=c.value, label=str(c.label), hours=_text(c.hours),
                              note=_text(c.note), national=c.national, **_src(c.source))

    def fact(kind: str, owner: str, field: str, f: Fact | None, **extra) -> list[models.Fact]:
        if f is None:
            return []
        counter["fact"] += 1
        return [models.Fact(id=counter["fact"], owner_kind=kind, owner_slug=owner, field=field,
                            value=str(f.value), map=f.map, note=_text(f.note), **extra, **_src(f.source))]

    for n, i in enumerate(d.islands):
        yield models.Island(slug=i.id, name=i.name, group=i.group, position=n, **_src(i.source))
    for n, m in enumerate(d.municipalities):
        yield models.Municipality(slug=m.id, name=m.name, folded_name=fold(m.name), island_slug=m.island,
                                  ine_code=m.ine_code, seat_lat=m.seat.lat, seat_lon=m.seat.lon, position=n,
                                  **_src(m.source))
    for n, t in enumerate(d.topics):
        yield models.Topic(slug=t.id, name=str(t.name), position=n, **_src(t.source))
    for n, o in enumerate(d.organisations):
        yield models.Organisation(slug=o.id, name=o.name, acronym=o.acronym, position=n, **_src(o.source))
        yield from fact("organisation", o.id, "website", o.website)
        for p, c in enumerate(o.channels):
            yield channel("organisation", o.id, p, c)
    for n, s in enumerate(d.services):
        yield models.Service(slug=s.id, name=str(s.name), summary=str(s.summary), organisation_slug=s.organisation,
                             topic_slug=s.topic, audience=_text(s.audience), support=_text(s.support),
                             in_person=s.in_person, documents=[str(x) for x in s.documents],
                             valid_from=s.valid_from, position=n, **_src(s.source))
        for p, c in enumerate(s.channels):
            yield channel("service", s.id, p, c)
        yield from fact("service", s.id, "fees", s.fees)
        if s.appointment is not None:
            counter["fact"] += 1
            yield models.Fact(id=counter["fact"], owner_kind="service", owner_slug=s.id, field="appointment",
                              value="required" if s.appointment.required else "not-required",
                              note=_text(s.appointment.note), **_src(s.appointment.source))
    for n, loc in enumerate(d.locations):
        yield models.Location(slug=loc.id, name=loc.name, organisation_slug=loc.organisation,
                              municipality_slug=loc.municipality, services_verified=loc.services_verified,
                              note=_text(loc.note), position=n, **_src(loc.source))
        for service in loc.services:
            yield models.LocationService(location_slug=loc.id, service_slug=service)
        for field in ("address", "phone", "hours"):
            yield from fact("location", loc.id, field, getattr(loc, field))
        if loc.coordinates is not None and loc.coordinates.source is not None:
            counter["fact"] += 1
            yield models.Fact(id=counter["fact"], owner_kind="location", owner_slug=loc.id, field="coordinates",
                              lat=loc.coordinates.lat, lon=loc.coordinates.lon, **_src(loc.coordinates.source))
    for n, p in enumerate(d.parishes):
        yield models.Parish(id=n + 1, name=p.name, municipality_slug=p.municipality, position=n, **_src(p.source))


def _search_rows(d: Directory, languages: dict[str, Translate]):
    """One SearchEntry per searchable name and language; ids numbered in file order."""
    entries = []  # (kind, slug, name: Msg | str, municipality)
    entries += [("service", s.id, s.name, None) for s in d.services]
    entries += [("organisation", o.id, o.name, None) for o in d.organisations]
    entries += [("office", loc.id, loc.name, loc.municipality) for loc in d.locations]
    entries += [("island", i.id, i.name, None) for i in d.islands]
    entries += [("municipality", m.id, m.name, m.id) for m in d.municipalities]
    entries += [("parish", str(n + 1), p.name, p.municipality) for n, p in enumerate(d.parishes)]
    acronyms = {o.id: o.acronym for o in d.organisations if o.acronym}
    number = 0
    for lang, translate in languages.items():
        for position, (kind, slug, name, municipality) in enumerate(entries):
            context = name.context if isinstance(name, Msg) else None
            names = {str(name)} | ({t(context, str(name)) for t in languages.values()} if context else set())
            if kind == "organisation" and slug in acronyms:
                names.add(acronyms[slug])
            shown = translate(context, str(name)) if context else str(name)
            number += 1
            yield models.SearchEntry(id=number, lang=lang, kind=kind, slug=slug, name=str(name), context=context,
                                     municipality_slug=municipality, folded=" | ".join(sorted(fold(x) for x in names)),
                                     sort_key=sort_key(shown), position=position)
