"""Turn the steps of a finished walk and the user's municipality into a roadmap.

The one place that resolves offices; the web page, the text page and SMS all
use it. Per step, offices are looked for in this order:

1. offices in the user's municipality ("municipality");
2. otherwise offices on the same island, nearest first ("island");
3. otherwise, only if the service must be done in person, the offices of the
   nearest other island that has one ("other-island", each office says which
   island); a service that can be done remotely gets its channels alone.

The service's remote channels always come with the step. A step's `fallback`
is that of its offices, or "remote" when only channels are left ("none" if a
service had neither). Distances are between municipality seats, which are
used for ordering only and never shown. Map links come only from an office's
sourced coordinates or a sourced full street address.
"""

from __future__ import annotations

import math
import time
import weakref
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from sqlmodel import Session, select

from guide.directory import models
from guide.directory.content import context
from guide.text import Msg


@dataclass(frozen=True)
class Place:
    slug: str
    name: str


@dataclass(frozen=True)
class Source:
    url: str
    as_of: str
    verified: bool


def _tel(value: str) -> str | None:
    digits = value.replace(" ", "")
    return f"tel:+351{digits}" if digits.isdigit() and len(digits) == 9 else None


@dataclass(frozen=True)
class Fact:
    """A shown value (address, phone, hours) with the source it came from."""

    value: str | Msg
    source: Source
    note: Msg | None = None

    @property
    def href(self) -> str | None:
        """`tel:+351…` for a phone number, None for anything else."""
        return _tel(self.value) if isinstance(self.value, str) else None


@dataclass(frozen=True)
class Channel:
    kind: str
    value: str
    label: Msg
    hours: Msg | None
    note: Msg | None
    source: Source
    national: bool = False  # mainland hours, one hour ahead of the Azores

    @property
    def href(self) -> str:
        if self.kind == "phone":
            return _tel(self.value) or f"tel:{self.value.replace(' ', '')}"
        if self.kind == "email":
            return f"mailto:{self.value}"
        return self.value


@dataclass(frozen=True)
class ServiceInfo:
    slug: str
    name: Msg
    summary: Msg
    documents: tuple[Msg, ...]
    organisation: str
    source: Source
    in_person: str = "required"


@dataclass(frozen=True)
class Office:
    slug: str
    name: str
    organisation: str
    fallback: str
    municipality: Place
    island: Place
    address: Fact | None
    phone: Fact | None
    hours: Fact | None
    map_url: str | None
    org_channels: tuple[Channel, ...]
    source: Source
    verified: bool
    note: Msg | None


@dataclass(frozen=True)
class RoadmapStep:
    step: Any
    service: ServiceInfo
    offices: tuple[Office, ...]
    channels: tuple[Channel, ...]
    fallback: str


@dataclass(frozen=True)
class Roadmap:
    municipality: Place
    island: Place
    steps: tuple[RoadmapStep, ...]


# The directory changes only when `flask directory load` runs; each process reads the
# rows a roadmap needs once, in seven queries, and again after this many seconds.
CACHE_SECONDS = 60.0
_snapshots: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # engine -> (loaded at, rows)


def build(session: Session, steps, municipality_slug: str) -> Roadmap:
    """Resolve each step's service for `municipality_slug`; LookupError if either is unknown."""
    rows = _rows_for(session)
    key = (tuple(steps), municipality_slug)
    found = rows.roadmaps.get(key)
    if found is None:
        resolver = _Resolver(rows, municipality_slug)
        found = Roadmap(resolver.place(resolver.here), resolver.island_place(resolver.here.island_slug),
                        tuple(resolver.step(step) for step in key[0]))
        rows.roadmaps[key] = found
    return found


def _rows_for(session: Session) -> "_Rows":
    bind = session.get_bind()
    loaded = _snapshots.get(bind)
    if loaded is None or time.monotonic() - loaded[0] > CACHE_SECONDS:
        loaded = (time.monotonic(), _Rows(session))
        _snapshots[bind] = loaded
    return loaded[1]


class _Rows:
    """The directory's rows as plain tuples, indexed for resolving roadmaps, and the roadmaps resolved."""

    def __init__(self, session: Session):
        self.municipalities = {m.slug: m for m in _select(session, models.Municipality)}
        self.islands = {i.slug: i for i in _select(session, models.Island)}
        self.services = {s.slug: s for s in _select(session, models.Service)}
        self.organisations = {o.slug: o.name for o in _select(session, models.Organisation)}
        location = {loc.slug: loc for loc in _select(session, models.Location, order=models.Location.position)}
        self.locations: dict[str, list] = {slug: [] for slug in self.services}
        for link in _select(session, models.LocationService):
            self.locations.setdefault(link.service_slug, []).append(location[link.location_slug])
        for found in self.locations.values():
            found.sort(key=lambda loc: loc.position)
        self.facts: dict[str, dict] = {}
        for row in _select(session, models.Fact, models.Fact.owner_kind == "location"):
            self.facts.setdefault(row.owner_slug, {})[row.field] = row
        self.channel_rows: dict[tuple[str, str], list] = {}
        for row in _select(session, models.Channel, order=models.Channel.id):
            self.channel_rows.setdefault((row.owner_kind, row.owner_slug), []).append(row)
        self.roadmaps: dict = {}


class _Resolver:
    """Resolves one roadmap's steps from the rows, without a query."""

    def __init__(self, rows: _Rows, municipality_slug: str):
        self.municipalities, self.islands, self.services = rows.municipalities, rows.islands, rows.services
        self.organisations, self.locations = rows.organisations, rows.locations
        self.facts, self.channel_rows = rows.facts, rows.channel_rows
        if municipality_slug not in self.municipalities:
            raise LookupError(f"unknown municipality '{municipality_slug}'")
        self.here = self.municipalities[municipality_slug]

    def place(self, municipality: models.Municipality) -> Place:
        return Place(municipality.slug, municipality.name)

    def island_place(self, slug: str) -> Place:
        return Place(slug, self.islands[slug].name)

    def distance(self, location: models.Location) -> float:
        there = self.municipalities[location.municipality_slug]
        return _km(self.here.seat_lat, self.here.seat_lon, there.seat_lat, there.seat_lon)

    def step(self, step) -> RoadmapStep:
        service = self.services.get(step.service)
        if service is None:
            raise LookupError(f"unknown service '{step.service}'")
        offices = self.offices(service)
        channels = self.channels("service", service.slug)
        fallback = offices[0].fallback if offices else ("remote" if channels else "none")
        return RoadmapStep(step, self.service_info(service), offices, channels, fallback)

    def offices(self, service: models.Service) -> tuple[Office, ...]:
        candidates = self.locations.get(service.slug, [])
        island = {loc.slug: self.municipalities[loc.municipality_slug].island_slug for loc in candidates}
        chosen = [loc for loc in candidates if loc.municipality_slug == self.here.slug]
        fallback = "municipality"
        if not chosen:
            chosen = self.nearest(loc for loc in candidates if island[loc.slug] == self.here.island_slug)
            fallback = "island"
        if not chosen and service.in_person == "required":
            elsewhere = self.nearest(candidates)
            if elsewhere:
                nearest_island = island[elsewhere[0].slug]
                chosen = [loc for loc in elsewhere if island[loc.slug] == nearest_island]
                fallback = "other-island"
        return tuple(self.office(loc, fallback) for loc in chosen)

    def nearest(self, locations) -> list[models.Location]:
        """Nearest first by seat distance; file order among offices of one municipality."""
        return sorted(locations, key=lambda loc: (round(self.distance(loc), 3), loc.position))

    def office(self, loc: models.Location, fallback: str) -> Office:
        facts = self.facts.get(loc.slug, {})
        municipality = self.municipalities[loc.municipality_slug]
        return Office(
            slug=loc.slug,
            name=loc.name,
            organisation=self.organisations[loc.organisation_slug],
            fallback=fallback,
            municipality=self.place(municipality),
            island=self.island_place(municipality.island_slug),
            address=self.fact(loc.slug, facts.get("address")),
            phone=self.fact(loc.slug, facts.get("phone")),
            hours=self.fact(loc.slug, facts.get("hours"), translate=True),
            map_url=_map_url(facts),
            org_channels=self.channels("organisation", loc.organisation_slug),
            source=_source(loc),
            verified=loc.verified and loc.services_verified,
            note=Msg(context(loc.slug, "note"), loc.note) if loc.note else None,
        )

    def fact(self, owner: str, row: models.Fact | None, translate: bool = False) -> Fact | None:
        if row is None:
            return None
        value = Msg(context(owner, f"{row.field}.value"), row.value) if translate else row.value
        note = Msg(context(owner, f"{row.field}.note"), row.note) if row.note else None
        return Fact(value, _source(row), note)

    def channels(self, owner_kind: str, owner: str) -> tuple[Channel, ...]:
        return tuple(
            Channel(
                kind=c.kind,
                value=c.value,
                label=Msg(context(c.owner_slug, "channels.label"), c.label),
                hours=Msg(context(c.owner_slug, "channels.hours"), c.hours) if c.hours else None,
                note=Msg(context(c.owner_slug, "channels.note"), c.note) if c.note else None,
                source=_source(c),
                national=c.national,
            )
            for c in self.channel_rows.get((owner_kind, owner), ())
        )

    def service_info(self, service: models.Service) -> ServiceInfo:
        return ServiceInfo(
            slug=service.slug,
            name=Msg(context(service.slug, "name"), service.name),
            summary=Msg(context(service.slug, "summary"), service.summary),
            documents=tuple(Msg(context(service.slug, "documents"), d) for d in service.documents),
            organisation=self.organisations[service.organisation_slug],
            source=_source(service),
            in_person=service.in_person,
        )


def directory_offices(session: Session, locations) -> tuple[Office, ...]:
    """Offices as a directory page lists them: as given, with no fallback (it is no one's roadmap)."""
    resolver = _any_resolver(session)
    return tuple(resolver.office(loc, "") for loc in locations) if resolver else ()


def directory_channels(session: Session, owner_kind: str, owner_slug: str) -> tuple[Channel, ...]:
    """The remote channels of a service or an organisation, in file order."""
    resolver = _any_resolver(session)
    return resolver.channels(owner_kind, owner_slug) if resolver else ()


def _any_resolver(session: Session) -> _Resolver | None:
    """A resolver for lookups that depend on no one's municipality."""
    rows = _rows_for(session)
    first = next(iter(rows.municipalities), None)
    return _Resolver(rows, first) if first else None


def _select(session: Session, model, *where, order=None):
    """Plain rows of `model`'s table (no ORM objects: they are only read)."""
    query = select(*model.__table__.columns).where(*where)
    return session.execute(query.order_by(order) if order is not None else query)


def _source(row) -> Source:
    return Source(row.source_url, row.as_of, row.verified)


def _map_url(facts: dict[str, models.Fact]) -> str | None:
    """Only from the office's own sourced coordinates, or a sourced full street address."""
    point = facts.get("coordinates")
    if point is not None and point.lat is not None and point.lon is not None:
        return f"https://www.openstreetmap.org/?mlat={point.lat}&mlon={point.lon}#map=18/{point.lat}/{point.lon}"
    address = facts.get("address")
    if address is not None and address.map and address.value:
        return f"https://www.openstreetmap.org/search?query={quote_plus(address.value)}"
    return None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
