"""Load a checked Directory into the database, replacing what was there.

One transaction deletes every directory row and inserts the new ones, so a
reader sees either the old directory or the new one, and loading the same
YAML twice leaves the same rows (ids are numbered in file order). Only
portable SQL through SQLAlchemy: SQLite and PostgreSQL behave the same.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from guide.directory import models
from guide.directory.content import Channel, Directory, Fact, Source


def fold(text: str) -> str:
    """Lower-case without accents: 'São Roque' and 'SAO ROQUE' both give 'sao roque'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def load(directory: Directory, engine: Engine) -> dict[str, int]:
    """Replace the directory tables' rows with `directory`; return row counts by table."""
    SQLModel.metadata.create_all(engine, tables=models.TABLES)
    rows = list(_rows(directory))
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
                              note=_text(c.note), **_src(c.source))

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
    for n, o in enumerate(d.organisations):
        yield models.Organisation(slug=o.id, name=o.name, acronym=o.acronym, position=n, **_src(o.source))
        yield from fact("organisation", o.id, "website", o.website)
        for p, c in enumerate(o.channels):
            yield channel("organisation", o.id, p, c)
    for n, s in enumerate(d.services):
        yield models.Service(slug=s.id, name=str(s.name), summary=str(s.summary), organisation_slug=s.organisation,
                             in_person=s.in_person, documents=[str(x) for x in s.documents],
                             valid_from=s.valid_from, position=n, **_src(s.source))
        for p, c in enumerate(s.channels):
            yield channel("service", s.id, p, c)
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
