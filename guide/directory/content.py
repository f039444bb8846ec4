"""Read and check the directory YAML into frozen dataclasses.

Files in one folder: `places.yaml` (islands, municipalities),
`topics.yaml` (the topics services are browsed by), `organisations.yaml`,
`services.yaml`, `locations.yaml`, and optionally `parishes.yaml` (parish ->
municipality, so a person can type where they live). Every problem of
every file (unknown or missing keys, bad values, duplicate ids, references to
unknown entries) is collected with its file and line and raised together as
one ContentError. English text that users read becomes a `Msg` whose context
is `directory:<entry id>:<dotted field>`, the same context `guide.roadmap`
looks it up by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from guide.checks import Checker
from guide.text import Msg
from guide.yamlfile import ContentError, Mapping, Problem, Sequence, display_name
from guide.yamlfile import read as read_yaml

FILES = ("places.yaml", "topics.yaml", "organisations.yaml", "services.yaml", "locations.yaml")
OPTIONAL_FILES = ("parishes.yaml",)
GROUPS = ("eastern", "central", "western")
IN_PERSON = ("required", "optional")
CHANNEL_KINDS = ("phone", "email", "online")
URL = re.compile(r"https?://\S+")
PHONE = re.compile(r"[0-9 ]+")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]+")
INE_CODE = re.compile(r"4[1-9][0-9]{2}")
# A generous box around the archipelago: catches swapped or mistyped coordinates.
LAT, LON = (36.0, 40.5), (-32.0, -24.5)


def context(entry_id: str, field: str) -> str:
    """The gettext msgctxt of a directory text: `directory:<entry>:<field>`."""
    return f"directory:{entry_id}:{field}"


@dataclass(frozen=True)
class Source:
    url: str
    as_of: str
    verified: bool
    note: str | None = None


@dataclass(frozen=True)
class Fact:
    """An address, phone number, opening hours or website, with its own source."""

    value: str | Msg
    source: Source
    note: Msg | None = None
    map: bool = False


@dataclass(frozen=True)
class Coordinates:
    lat: float
    lon: float
    source: Source | None
    note: str | None = None


@dataclass(frozen=True)
class Island:
    id: str
    name: str
    group: str
    source: Source


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str
    island: str
    ine_code: str
    seat: Coordinates
    source: Source


@dataclass(frozen=True)
class Channel:
    kind: str
    value: str
    label: Msg
    source: Source
    hours: Msg | None = None
    note: Msg | None = None
    national: bool = False  # a national line: its hours are mainland time, one hour ahead


@dataclass(frozen=True)
class Topic:
    id: str
    name: Msg
    source: Source


@dataclass(frozen=True)
class Parish:
    name: str
    municipality: str
    source: Source


@dataclass(frozen=True)
class Appointment:
    """Whether a service needs an appointment, as its source says."""

    required: bool
    source: Source
    note: Msg | None = None


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    source: Source
    acronym: str | None = None
    website: Fact | None = None
    channels: tuple[Channel, ...] = ()


@dataclass(frozen=True)
class Service:
    id: str
    name: Msg
    organisation: str
    summary: Msg
    in_person: str
    source: Source
    documents: tuple[Msg, ...] = ()
    channels: tuple[Channel, ...] = ()
    valid_from: str | None = None
    as_of: str | None = None
    topic: str = ""
    audience: Msg | None = None
    support: Msg | None = None
    fees: Fact | None = None
    appointment: Appointment | None = None


@dataclass(frozen=True)
class Location:
    id: str
    name: str
    organisation: str
    municipality: str
    services: tuple[str, ...]
    source: Source
    services_verified: bool = True
    address: Fact | None = None
    phone: Fact | None = None
    hours: Fact | None = None
    coordinates: Coordinates | None = None
    note: Msg | None = None


@dataclass(frozen=True)
class Directory:
    islands: tuple[Island, ...]
    municipalities: tuple[Municipality, ...]
    organisations: tuple[Organisation, ...]
    services: tuple[Service, ...]
    locations: tuple[Location, ...]
    topics: tuple[Topic, ...] = ()
    parishes: tuple[Parish, ...] = ()


def places(directory: Directory) -> dict[str, tuple[str, ...]]:
    """Island slug -> its municipality slugs, both in file order."""
    return {i.id: tuple(m.id for m in directory.municipalities if m.island == i.id) for i in directory.islands}


def read(folder: Path) -> Directory:
    """Read and check the four directory files; raise ContentError with every problem."""
    folder = Path(folder)
    parsed, problems = {}, []
    for name in FILES + OPTIONAL_FILES:
        path = folder / name
        display = display_name(path)
        if not path.is_file() and name in OPTIONAL_FILES:
            continue
        if not path.is_file():
            problems.append(Problem(display, 1, 1, f"the directory file {name} is missing"))
            continue
        try:
            parsed[name] = (read_yaml(path, display), Checker(display))
        except ContentError as err:
            problems.extend(err.problems)
    if problems:
        raise ContentError(problems)
    reader = _Reader()
    directory = reader.directory(parsed)
    for _, check in parsed.values():
        problems.extend(check.problems)
    if problems:
        raise ContentError(problems)
    return directory


class _Reader:
    """Builds the Directory, recording problems on each file's own Checker."""

    def directory(self, parsed) -> Directory:
        self.msg_ids: dict[str, str] = {}  # ids that name Msg contexts, across files
        self.check = parsed["places.yaml"][1]
        places_top = self._top(parsed["places.yaml"][0], ("islands", "municipalities"))
        islands = self._entries(places_top, "islands", self.island)
        island_ids = {i.id for i in islands}
        self.island_ids = island_ids
        municipalities = self._entries(places_top, "municipalities", self.municipality)
        self._every_island_has_a_municipality(places_top, islands, municipalities)
        self.municipality_ids = {m.id for m in municipalities}

        self.check = parsed["topics.yaml"][1]
        topics_top = self._top(parsed["topics.yaml"][0], ("topics",))
        topics = self._entries(topics_top, "topics", self.topic)
        self.topic_ids = {t.id for t in topics}

        self.check = parsed["organisations.yaml"][1]
        organisations = self._entries(self._top(parsed["organisations.yaml"][0], ("organisations",)),
                                      "organisations", self.organisation)
        self.organisation_ids = {o.id for o in organisations}

        self.check = parsed["services.yaml"][1]
        services = self._entries(self._top(parsed["services.yaml"][0], ("services",)), "services", self.service)
        self.service_ids = {s.id for s in services}

        self.check = parsed["locations.yaml"][1]
        locations = self._entries(self._top(parsed["locations.yaml"][0], ("locations",)), "locations", self.location)

        parishes = ()
        if "parishes.yaml" in parsed:
            self.check = parsed["parishes.yaml"][1]
            parishes = self.parishes(parsed["parishes.yaml"][0])
        return Directory(tuple(islands), tuple(municipalities), tuple(organisations), tuple(services),
                         tuple(locations), tuple(topics), parishes)

    # -- file structure -------------------------------------------------

    def _top(self, data, keys: tuple[str, ...], optional: tuple[str, ...] = ()) -> Mapping | None:
        top = self.check.mapping(data, "a directory file")
        if top is not None:
            self.check.keys(top, "the file", required=keys, optional=optional)
        return top

    def _entries(self, top: Mapping | None, key: str, build) -> list:
        """Build each entry of the list `key`, rejecting duplicate ids."""
        if top is None or key not in top:
            return []
        items = self.check.sequence(top[key], f"'{key}'", top.where(key))
        built, seen = [], {}
        for item in items or ():
            entry = self.check.mapping(item, f"an entry of '{key}'", _where(items, item, top.where(key)))
            if entry is None:
                continue
            entry_id = self.check.slug(entry, "id", f"an entry of '{key}'")
            if entry_id is None:
                continue
            line = entry.where("id")
            if entry_id in seen:
                self.check.error(line, f"duplicate id '{entry_id}' in '{key}' (first at line {seen[entry_id]})")
                continue
            seen[entry_id] = line[0]
            if key in ("organisations", "services", "locations"):
                first = self.msg_ids.get(entry_id)
                if first is not None:
                    self.check.error(line, f"id '{entry_id}' is already used by {first}; ids must be unique "
                                           "across organisations, services and locations")
                    continue
                self.msg_ids[entry_id] = f"an entry of '{key}' in {self.check.file}"
            value = build(entry_id, entry)
            if value is not None:
                built.append(value)
        return built

    # -- entries --------------------------------------------------------

    def island(self, iid: str, entry: Mapping) -> Island | None:
        what = f"island '{iid}'"
        self.check.keys(entry, what, required=("id", "name", "group", "source"))
        group = self.check.text(entry, "group", what)
        if group is not None and group not in GROUPS:
            self.check.error(entry.where("group"), f"'group' of {what} must be one of {', '.join(GROUPS)}")
        return Island(iid, self.check.text(entry, "name", what) or "", group or "", self.source(entry, "source", what))

    def municipality(self, mid: str, entry: Mapping) -> Municipality | None:
        what = f"municipality '{mid}'"
        self.check.keys(entry, what, required=("id", "name", "island", "ine_code", "seat", "source"))
        island = self.reference(entry, "island", what, self.island_ids, "island")
        code = self.check.text(entry, "ine_code", what)
        if code is not None and not INE_CODE.fullmatch(code):
            self.check.error(entry.where("ine_code"), f"'ine_code' of {what} must be a 4-digit code in quotes, e.g. \"4601\"")
        seat = self.coordinates(entry, "seat", what, source_required=False)
        return Municipality(mid, self.check.text(entry, "name", what) or "", island or "", code or "",
                            seat or Coordinates(0.0, 0.0, None), self.source(entry, "source", what))

    def organisation(self, oid: str, entry: Mapping) -> Organisation | None:
        what = f"organisation '{oid}'"
        self.check.keys(entry, what, required=("id", "name", "source"), optional=("acronym", "website", "channels"))
        website = self.fact(oid, entry, "website", what, url=True)
        return Organisation(oid, self.check.text(entry, "name", what) or "", self.source(entry, "source", what),
                            self.check.text(entry, "acronym", what, required=False), website,
                            self.channels(oid, entry, what))

    def service(self, sid: str, entry: Mapping) -> Service | None:
        what = f"service '{sid}'"
        self.check.keys(entry, what, required=("id", "name", "organisation", "topic", "summary", "in_person", "source"),
                        optional=("documents", "channels", "valid_from", "as_of", "audience", "support", "fees",
                                  "appointment"))
        in_person = self.check.text(entry, "in_person", what)
        if in_person is not None and in_person not in IN_PERSON:
            self.check.error(entry.where("in_person"), f"'in_person' of {what} must be one of {', '.join(IN_PERSON)}")
        documents = ()
        if "documents" in entry:
            items = self.check.sequence(entry["documents"], f"'documents' of {what}", entry.where("documents"))
            documents = tuple(self.msg_item(sid, "documents", item, items, what) for item in items or ())
            documents = tuple(d for d in documents if d is not None)
        return Service(
            sid,
            self.msg(sid, entry, "name", what),
            self.reference(entry, "organisation", what, self.organisation_ids, "organisation") or "",
            self.msg(sid, entry, "summary", what),
            in_person or "required",
            self.source(entry, "source", what),
            documents,
            self.channels(sid, entry, what),
            self.check.date(entry, "valid_from", what, required=False),
            self.check.date(entry, "as_of", what, required=False),
            self.reference(entry, "topic", what, self.topic_ids, "topic") or "",
            self.msg(sid, entry, "audience", what, required=False),
            self.msg(sid, entry, "support", what, required=False),
            self.fact(sid, entry, "fees", what, translate=True),
            self.appointment(sid, entry, what),
        )

    def topic(self, tid: str, entry: Mapping) -> Topic | None:
        what = f"topic '{tid}'"
        self.check.keys(entry, what, required=("id", "name", "source"))
        return Topic(tid, self.msg(f"topic:{tid}", entry, "name", what), self.source(entry, "source", what))

    def appointment(self, sid: str, entry: Mapping, what: str) -> Appointment | None:
        if "appointment" not in entry:
            return None
        where = f"the appointment of {what}"
        found = self.check.mapping(entry["appointment"], where, entry.where("appointment"))
        if found is None:
            return None
        self.check.keys(found, where, required=("required", "source"), optional=("note",))
        return Appointment(self.check.boolean(found, "required", where, default=True),
                           self.source(found, "source", where),
                           self.msg(sid, found, "note", where, required=False, field="appointment.note"))

    def parishes(self, data) -> tuple[Parish, ...]:
        """`parishes.yaml`: one `source`, then each municipality id with its parish names."""
        top = self._top(data, ("source", "parishes"))
        if top is None or "parishes" not in top:
            return ()
        source = self.source(top, "source", "the parish list")
        by_municipality = self.check.mapping(top["parishes"], "'parishes'", top.where("parishes"))
        built = []
        for mid, names in (by_municipality or {}).items():
            where = by_municipality.where(mid)
            if mid not in self.municipality_ids:
                self.check.error(where, f"'parishes' names municipality '{mid}', which is not in the directory")
                continue
            items = self.check.sequence(names, f"the parishes of '{mid}'", where)
            seen: set[str] = set()
            for item in items or ():
                if not isinstance(item, str) or not item.strip():
                    self.check.error(_where(items, item, where), f"each parish of '{mid}' must be a name")
                elif item in seen:
                    self.check.error(_where(items, item, where), f"parish '{item}' is listed twice in '{mid}'")
                else:
                    seen.add(item)
                    built.append(Parish(str(item), mid, source))
        return tuple(built)

    def location(self, lid: str, entry: Mapping) -> Location | None:
        what = f"location '{lid}'"
        self.check.keys(entry, what, required=("id", "name", "organisation", "municipality", "services", "source"),
                        optional=("services_verified", "address", "phone", "hours", "coordinates", "note"))
        services = ()
        if "services" in entry:
            items = self.check.sequence(entry["services"], f"'services' of {what}", entry.where("services"))
            if items is not None and not items:
                self.check.error(entry.where("services"), f"{what} must offer at least one service")
            services = tuple(s for s in (self.reference_item(item, items, what, self.service_ids, "service")
                                         for item in items or ()) if s)
        return Location(
            lid,
            self.check.text(entry, "name", what) or "",
            self.reference(entry, "organisation", what, self.organisation_ids, "organisation") or "",
            self.reference(entry, "municipality", what, self.municipality_ids, "municipality") or "",
            services,
            self.source(entry, "source", what),
            self.check.boolean(entry, "services_verified", what, default=True),
            self.fact(lid, entry, "address", what, mappable=True),
            self.fact(lid, entry, "phone", what, phone=True),
            self.fact(lid, entry, "hours", what, translate=True),
            self.coordinates(entry, "coordinates", what, source_required=True) if "coordinates" in entry else None,
            self.msg(lid, entry, "note", what, required=False),
        )

    # -- values ---------------------------------------------------------

    def source(self, parent: Mapping, key: str, what: str) -> Source:
        fallback = Source("", "", False)
        if key not in parent:
            return fallback
        where = f"the {key} of {what}"
        entry = self.check.mapping(parent[key], where, parent.where(key))
        if entry is None:
            return fallback
        self.check.keys(entry, where, required=("url", "as_of", "verified"), optional=("note",))
        url = self.check.text(entry, "url", where)
        if url is not None and not URL.fullmatch(url):
            self.check.error(entry.where("url"), f"'url' of {where} must be a web address starting with https:// or http://")
        as_of = self.check.date(entry, "as_of", where)
        verified = self.check.boolean(entry, "verified", where, default=False)
        return Source(url or "", as_of or "", verified, self.check.text(entry, "note", where, required=False))

    def fact(self, eid: str, parent: Mapping, key: str, what: str, *, phone=False, url=False,
             translate=False, mappable=False) -> Fact | None:
        if key not in parent:
            return None
        where = f"the {key} of {what}"
        entry = self.check.mapping(parent[key], where, parent.where(key))
        if entry is None:
            return None
        self.check.keys(entry, where, required=("value", "source"),
                        optional=("note", "map") if mappable else ("note",))
        if translate:
            value = self.msg(eid, entry, "value", where, field=f"{key}.value")
        else:
            value = self.check.text(entry, "value", where) or ""
        if value and phone and not _phone_ok(value):
            self.check.error(entry.where("value"), f"'value' of {where} must be a 9-digit Portuguese number "
                                                   "without +351, digits and spaces only, e.g. \"292 679 405\"")
        if value and url and not URL.fullmatch(value):
            self.check.error(entry.where("value"), f"'value' of {where} must start with https:// or http://")
        return Fact(value, self.source(entry, "source", where), self.msg(eid, entry, "note", where, required=False,
                                                                         field=f"{key}.note"),
                    self.check.boolean(entry, "map", where, default=False) if mappable else False)

    def coordinates(self, parent: Mapping, key: str, what: str, source_required: bool) -> Coordinates | None:
        where = f"the {key} of {what}"
        entry = self.check.mapping(parent.get(key), where, parent.where(key)) if key in parent else None
        if entry is None:
            return None
        required = ("lat", "lon", "source") if source_required else ("lat", "lon")
        self.check.keys(entry, where, required=required, optional=("note",) if source_required else ("source", "note"))
        numbers = []
        for axis, (low, high) in (("lat", LAT), ("lon", LON)):
            value = entry.get(axis)
            if axis in entry and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or not low <= value <= high):
                self.check.error(entry.where(axis), f"'{axis}' of {where} must be a number between {low} and {high}")
                value = 0.0
            numbers.append(float(value or 0.0))
        note = self.check.text(entry, "note", where, required=False)
        source = self.source(entry, "source", where) if "source" in entry else None
        if source is None and not note:
            self.check.error(entry, f"{where} has no source: add a 'source', or a 'note' saying why there is none")
        return Coordinates(numbers[0], numbers[1], source, note)

    def channels(self, owner: str, parent: Mapping, what: str) -> tuple[Channel, ...]:
        if "channels" not in parent:
            return ()
        items = self.check.sequence(parent["channels"], f"'channels' of {what}", parent.where("channels"))
        built = []
        for item in items or ():
            where = f"a channel of {what}"
            entry = self.check.mapping(item, where, _where(items, item, parent.where("channels")))
            if entry is None:
                continue
            self.check.keys(entry, where, required=("kind", "value", "label", "source"),
                            optional=("hours", "note", "national"))
            kind = self.check.text(entry, "kind", where)
            if kind is not None and kind not in CHANNEL_KINDS:
                self.check.error(entry.where("kind"), f"'kind' of {where} must be one of {', '.join(CHANNEL_KINDS)}")
            value = self.check.text(entry, "value", where) or ""
            valid = {"phone": _phone_ok, "email": EMAIL.fullmatch, "online": URL.fullmatch}.get(kind or "")
            if value and valid is not None and not valid(value):
                self.check.error(entry.where("value"), f"'value' of {where} is not a valid {kind}")
            built.append(Channel(
                kind or "", value,
                self.msg(owner, entry, "label", where, field="channels.label"),
                self.source(entry, "source", where),
                self.msg(owner, entry, "hours", where, required=False, field="channels.hours"),
                self.msg(owner, entry, "note", where, required=False, field="channels.note"),
                self.check.boolean(entry, "national", where, default=False),
            ))
        return tuple(built)

    def msg(self, eid: str, parent: Mapping, key: str, what: str, required: bool = True,
            field: str | None = None) -> Msg | None:
        """Translatable English text, keeping the file and line for the extractor."""
        if key not in parent:
            return Msg(context(eid, field or key), "") if required else None
        if self.check.text(parent, key, what, required=True) is None:
            return None
        return Msg(context(eid, field or key), parent[key])

    def msg_item(self, eid: str, field: str, item, items: Sequence, what: str) -> Msg | None:
        if not isinstance(item, str) or not item.strip():
            self.check.error(_where(items, item, (items.line, items.column)), f"each of '{field}' of {what} must be text")
            return None
        return Msg(context(eid, field), item)

    def reference(self, entry: Mapping, key: str, what: str, known: set[str], kind: str) -> str | None:
        value = self.check.slug(entry, key, what)
        if value is not None and value not in known:
            self.check.error(entry.where(key), f"{what} names {kind} '{value}', which is not in the directory")
            return None
        return value

    def reference_item(self, item, items: Sequence, what: str, known: set[str], kind: str) -> str | None:
        where = _where(items, item, (items.line, items.column))
        if not isinstance(item, str):
            self.check.error(where, f"each {kind} of {what} must be an id")
            return None
        if item not in known:
            self.check.error(where, f"{what} names {kind} '{item}', which is not in the directory")
            return None
        return str(item)

    def _every_island_has_a_municipality(self, top, islands, municipalities) -> None:
        used = {m.island for m in municipalities}
        for island in islands:
            if island.id not in used and top is not None:
                self.check.error(top.where("islands"), f"island '{island.id}' has no municipality")


def _phone_ok(value: str) -> bool:
    return bool(PHONE.fullmatch(value)) and len(value.replace(" ", "")) == 9


def _where(items: Sequence | None, item, fallback):
    """The line of a list item: its own, or the list's for plain values."""
    if hasattr(item, "line"):
        return item.line, item.column
    if items is not None:
        for index, candidate in enumerate(items):
            if candidate is item:
                return items.item_lines[index]
    return fallback
