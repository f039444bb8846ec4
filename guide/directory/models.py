"""Database tables that index the directory at run time (rebuilt from YAML by `store.load`).

Plain and small: one table per entry kind, a link table for the services an
office offers, and one `Fact` table for every sourced address, phone number,
opening hours, website or coordinates. English text is stored as written; it
is translated when shown, by the context `guide.roadmap` rebuilds.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, String
from sqlmodel import Field, SQLModel


class Island(SQLModel, table=True):
    __tablename__ = "directory_island"

    slug: str = Field(primary_key=True)
    name: str
    group: str
    position: int
    source_url: str
    as_of: str
    verified: bool


class Municipality(SQLModel, table=True):
    __tablename__ = "directory_municipality"

    slug: str = Field(primary_key=True)
    name: str
    # Lower-case, accents removed: the same search on SQLite and PostgreSQL.
    folded_name: str = Field(index=True)
    island_slug: str = Field(foreign_key="directory_island.slug", index=True)
    ine_code: str
    seat_lat: float
    seat_lon: float
    position: int
    source_url: str
    as_of: str
    verified: bool


class Topic(SQLModel, table=True):
    __tablename__ = "directory_topic"

    slug: str = Field(primary_key=True)
    name: str
    position: int
    source_url: str
    as_of: str
    verified: bool


class Organisation(SQLModel, table=True):
    __tablename__ = "directory_organisation"

    slug: str = Field(primary_key=True)
    name: str
    acronym: str | None = None
    position: int
    source_url: str
    as_of: str
    verified: bool


class Service(SQLModel, table=True):
    __tablename__ = "directory_service"

    slug: str = Field(primary_key=True)
    name: str
    summary: str
    organisation_slug: str = Field(foreign_key="directory_organisation.slug")
    topic_slug: str = Field(foreign_key="directory_topic.slug", index=True)
    audience: str | None = None
    support: str | None = None
    in_person: str
    documents: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    valid_from: str | None = None
    position: int
    source_url: str
    as_of: str
    verified: bool


class Channel(SQLModel, table=True):
    """A remote channel of a service or of an organisation (`owner_slug` names either)."""

    __tablename__ = "directory_channel"

    id: int = Field(primary_key=True)
    owner_kind: str = Field(index=True)  # "service" or "organisation"
    owner_slug: str = Field(index=True)
    position: int
    kind: str
    value: str
    label: str
    hours: str | None = None
    note: str | None = None
    national: bool = False
    source_url: str
    as_of: str
    verified: bool


class Location(SQLModel, table=True):
    __tablename__ = "directory_location"

    slug: str = Field(primary_key=True)
    name: str
    organisation_slug: str = Field(foreign_key="directory_organisation.slug")
    municipality_slug: str = Field(foreign_key="directory_municipality.slug", index=True)
    services_verified: bool
    note: str | None = None
    position: int
    source_url: str
    as_of: str
    verified: bool


class LocationService(SQLModel, table=True):
    __tablename__ = "directory_location_service"

    location_slug: str = Field(foreign_key="directory_location.slug", primary_key=True)
    service_slug: str = Field(foreign_key="directory_service.slug", primary_key=True, index=True)


class Fact(SQLModel, table=True):
    """A sourced value of an entry: address, phone, hours, website or coordinates."""

    __tablename__ = "directory_fact"

    id: int = Field(primary_key=True)
    owner_kind: str = Field(index=True)  # "location", "organisation" or "service"
    owner_slug: str = Field(index=True)
    field: str  # address | phone | hours | website | coordinates | fees | appointment
    value: str | None = None
    lat: float | None = None
    lon: float | None = None
    map: bool = False
    note: str | None = None
    source_url: str
    as_of: str
    verified: bool


class Parish(SQLModel, table=True):
    """A parish (freguesia) and the municipality it belongs to; names are not unique."""

    __tablename__ = "directory_parish"

    id: int = Field(primary_key=True)
    name: str
    municipality_slug: str = Field(foreign_key="directory_municipality.slug", index=True)
    position: int
    source_url: str
    as_of: str
    verified: bool


class SearchEntry(SQLModel, table=True):
    """One searchable name per language: a service, organisation, office or place.

    `folded` holds the entry's names in every language, lower-case and without
    accents, so one portable `LIKE` finds "Saúde" from "saude" on SQLite and
    PostgreSQL alike; `sort_key` is the name in this row's language folded to
    words of letters and digits, compared byte by byte, so both databases
    order results the same way, word by word ("Água Retorta" before "Agualva").
    """

    __tablename__ = "directory_search"

    id: int = Field(primary_key=True)
    lang: str = Field(index=True)
    kind: str  # service | organisation | office | municipality | island | parish
    slug: str
    name: str  # as written in the YAML (English, or a proper noun)
    context: str | None = None  # msgctxt when `name` is translated at render time
    municipality_slug: str | None = None
    folded: str
    # Byte order on both databases: PostgreSQL's default collation would skip spaces.
    sort_key: str = Field(sa_type=String().with_variant(String(collation="C"), "postgresql"), index=True)
    position: int


TABLES = [Island.__table__, Municipality.__table__, Topic.__table__, Organisation.__table__, Service.__table__,
          Channel.__table__, Location.__table__, LocationService.__table__, Fact.__table__, Parish.__table__,
          SearchEntry.__table__]
