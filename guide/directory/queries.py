"""Read the directory for browsing and search: sessions in, plain frozen data out.

No Flask here. Offices and channels are built by `guide.roadmap`, so a service
page, an organisation page and a roadmap show an office the same way. Search
runs on `SearchEntry.folded` with `LIKE` only, which SQLite and PostgreSQL
treat alike for lower-case ASCII; the query is folded the same way as the
index (`store.fold`) and results are ordered by `sort_key`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case
from sqlmodel import Session, select

from guide import roadmap
from guide.directory import models
from guide.directory.content import context
from guide.directory.store import fold
from guide.roadmap import Channel, Fact, Office, Place, Source
from guide.text import Msg

MAX_RESULTS = 50
MAX_QUERY = 100
KINDS = ("service", "organisation", "municipality", "parish", "island", "office")  # results in this order


@dataclass(frozen=True)
class Link:
    slug: str
    name: Msg | str


@dataclass(frozen=True)
class Topic:
    slug: str
    name: Msg
    source: Source
    services: tuple[Link, ...]


@dataclass(frozen=True)
class Appointment:
    required: bool
    source: Source
    note: Msg | None


@dataclass(frozen=True)
class MunicipalityOffices:
    island: Place
    municipality: Place
    offices: tuple[Office, ...]


@dataclass(frozen=True)
class ServicePage:
    slug: str
    name: Msg
    summary: Msg
    topic: Link
    organisation: Link
    in_person: str
    audience: Msg | None
    support: Msg | None
    documents: tuple[Msg, ...]
    fees: Fact | None
    appointment: Appointment | None
    valid_from: str | None
    channels: tuple[Channel, ...]
    where: tuple[MunicipalityOffices, ...]
    source: Source


@dataclass(frozen=True)
class OrganisationPage:
    slug: str
    name: str
    acronym: str | None
    website: Fact | None
    channels: tuple[Channel, ...]
    services: tuple[Link, ...]
    where: tuple[MunicipalityOffices, ...]
    source: Source


@dataclass(frozen=True)
class Island:
    slug: str
    name: str
    municipalities: tuple[Place, ...]


@dataclass(frozen=True)
class Result:
    kind: str
    slug: str
    name: Msg | str
    municipality: Place | None


def topics(session: Session) -> list[Topic]:
    """Every topic with its services, both in file order."""
    services = session.exec(select(models.Service).order_by(models.Service.position)).all()
    return [
        Topic(t.slug, Msg(context(f"topic:{t.slug}", "name"), t.name), _source(t),
              tuple(_service_link(s) for s in services if s.topic_slug == t.slug))
        for t in session.exec(select(models.Topic).order_by(models.Topic.position))
    ]


def service_page(session: Session, slug: str) -> ServicePage | None:
    service = session.get(models.Service, slug)
    if service is None:
        return None
    organisation = session.get(models.Organisation, service.organisation_slug)
    topic = session.get(models.Topic, service.topic_slug)
    facts = _facts(session, "service", slug)
    locations = session.exec(select(models.Location).join(models.LocationService)
                             .where(models.LocationService.service_slug == slug)
                             .order_by(models.Location.position)).all()
    appointment = facts.get("appointment")
    return ServicePage(
        slug=slug,
        name=Msg(context(slug, "name"), service.name),
        summary=Msg(context(slug, "summary"), service.summary),
        topic=Link(topic.slug, Msg(context(f"topic:{topic.slug}", "name"), topic.name)),
        organisation=Link(organisation.slug, organisation.name),
        in_person=service.in_person,
        audience=Msg(context(slug, "audience"), service.audience) if service.audience else None,
        support=Msg(context(slug, "support"), service.support) if service.support else None,
        documents=tuple(Msg(context(slug, "documents"), d) for d in service.documents),
        fees=_fact(slug, facts.get("fees"), translate=True),
        appointment=Appointment(appointment.value == "required", _source(appointment),
                                Msg(context(slug, "appointment.note"), appointment.note) if appointment.note
                                else None) if appointment else None,
        valid_from=service.valid_from,
        channels=roadmap.directory_channels(session, "service", slug),
        where=_by_municipality(session, locations),
        source=_source(service),
    )


def organisations(session: Session) -> list[models.Organisation]:
    return list(session.exec(select(models.Organisation).order_by(models.Organisation.position)))


def organisation_page(session: Session, slug: str) -> OrganisationPage | None:
    organisation = session.get(models.Organisation, slug)
    if organisation is None:
        return None
    services = session.exec(select(models.Service).where(models.Service.organisation_slug == slug)
                            .order_by(models.Service.position))
    locations = session.exec(select(models.Location).where(models.Location.organisation_slug == slug)
                             .order_by(models.Location.position)).all()
    return OrganisationPage(
        slug=slug, name=organisation.name, acronym=organisation.acronym,
        website=_fact(slug, _facts(session, "organisation", slug).get("website")),
        channels=roadmap.directory_channels(session, "organisation", slug),
        services=tuple(_service_link(s) for s in services),
        where=_by_municipality(session, locations),
        source=_source(organisation),
    )


def islands(session: Session) -> list[Island]:
    """Islands in file order, each with its municipalities."""
    municipalities = session.exec(select(models.Municipality).order_by(models.Municipality.position)).all()
    return [Island(i.slug, i.name, tuple(Place(m.slug, m.name) for m in municipalities if m.island_slug == i.slug))
            for i in session.exec(select(models.Island).order_by(models.Island.position))]


def municipality_roadmap(session: Session, slug: str) -> roadmap.Roadmap | None:
    """Every service resolved for one municipality: its offices nearest first, fallbacks marked."""
    if session.get(models.Municipality, slug) is None:
        return None
    services = session.exec(select(models.Service).order_by(models.Service.position)).all()
    return roadmap.build(session, [_Wanted(s.slug) for s in services], slug)


def search(session: Session, query: str, lang: str, kinds: tuple[str, ...] = KINDS) -> list[Result]:
    """Entries whose names contain every word of `query`, ignoring case and accents."""
    words = fold(query[:MAX_QUERY]).split()
    if not words:
        return []
    statement = select(models.SearchEntry).where(models.SearchEntry.lang == lang,
                                                 models.SearchEntry.kind.in_(kinds))
    for word in words:
        statement = statement.where(models.SearchEntry.folded.like(f"%{_escape(word)}%", escape="\\"))
    rank = case({kind: n for n, kind in enumerate(KINDS)}, value=models.SearchEntry.kind)
    statement = statement.order_by(rank, models.SearchEntry.sort_key, models.SearchEntry.position).limit(MAX_RESULTS)
    places = {m.slug: Place(m.slug, m.name) for m in session.exec(select(models.Municipality))}
    return [Result(row.kind, row.slug, Msg(row.context, row.name) if row.context else row.name,
                   places.get(row.municipality_slug))
            for row in session.exec(statement)]


def find_place(session: Session, query: str) -> list[Result]:
    """Municipalities and parishes matching `query`, names that match exactly first."""
    results = search(session, query, "en", kinds=("municipality", "parish"))
    wanted = fold(query).strip()
    return sorted(results, key=lambda r: fold(str(r.name)) != wanted)  # stable: keeps the sorted order


@dataclass(frozen=True)
class _Wanted:
    """The one thing `roadmap.build` needs of a step: the service it names."""

    service: str


def _service_link(service: models.Service) -> Link:
    return Link(service.slug, Msg(context(service.slug, "name"), service.name))


def _by_municipality(session: Session, locations) -> tuple[MunicipalityOffices, ...]:
    """Offices grouped by municipality, in the directory's island and municipality order."""
    offices = roadmap.directory_offices(session, locations)
    groups: dict[str, list[Office]] = {}
    for office in offices:
        groups.setdefault(office.municipality.slug, []).append(office)
    order = session.exec(select(models.Municipality).order_by(models.Municipality.position)).all()
    return tuple(MunicipalityOffices(groups[m.slug][0].island, groups[m.slug][0].municipality,
                                     tuple(groups[m.slug])) for m in order if m.slug in groups)


def _facts(session: Session, owner_kind: str, owner: str) -> dict[str, models.Fact]:
    rows = session.exec(select(models.Fact).where(models.Fact.owner_kind == owner_kind,
                                                  models.Fact.owner_slug == owner))
    return {row.field: row for row in rows}


def _fact(owner: str, row: models.Fact | None, translate: bool = False) -> Fact | None:
    if row is None:
        return None
    value = Msg(context(owner, f"{row.field}.value"), row.value) if translate else row.value
    note = Msg(context(owner, f"{row.field}.note"), row.note) if row.note else None
    return Fact(value, _source(row), note)


def _source(row) -> Source:
    return Source(row.source_url, row.as_of, row.verified)


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
