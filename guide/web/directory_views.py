"""The services directory, browsed without answering questions.

Pages by topic, by organisation and by island -> municipality, one page per
service and per organisation, "services in my municipality" and search. The
names (`services`, `organisations`, `places`, `search`) are reserved, so no
flow can take them (docs/adr/0001-url-grammar.md). Views parse the request,
ask `guide.directory.queries`, and render.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, request
from flask_babel import gettext as _

from guide import content, db, i18n
from guide.directory import queries
from guide.text import printable
from guide.web.render import render_page

bp = Blueprint("directory", __name__)


@bp.get("/<lang>/services/")
def services(lang: str):
    """Every service, by topic."""
    _check_language(lang)
    with db.session() as session:
        topics = queries.topics(session)
    return render_page("_directory_services.html", page="directory-services", title=_("Services by topic"),
                       topics=topics)


@bp.get("/<lang>/services/<slug>/")
def service(lang: str, slug: str):
    _check_language(lang)
    with db.session() as session:
        found = queries.service_page(session, slug)
    if found is None:
        abort(404)
    return render_page("_directory_service.html", page="directory-service", title=i18n.translate(found.name),
                       service=found, flows=_flows_leading_to(slug))


@bp.get("/<lang>/organisations/")
def organisations(lang: str):
    _check_language(lang)
    with db.session() as session:
        found = queries.organisations(session)
    return render_page("_directory_organisations.html", page="directory-organisations",
                       title=_("Organisations"), organisations=found)


@bp.get("/<lang>/organisations/<slug>/")
def organisation(lang: str, slug: str):
    _check_language(lang)
    with db.session() as session:
        found = queries.organisation_page(session, slug)
    if found is None:
        abort(404)
    return render_page("_directory_organisation.html", page="directory-organisation", title=found.name,
                       organisation=found)


@bp.get("/<lang>/places/")
def places(lang: str):
    """Islands and their municipalities; `?place=` tells which municipality a parish is in."""
    _check_language(lang)
    typed = printable(request.args.get("place", "")).strip()[: queries.MAX_QUERY]
    with db.session() as session:
        islands = queries.islands(session)
        matches = queries.find_place(session, typed) if typed else []
    return render_page("_directory_places.html", page="directory-places", title=_("Services where you live"),
                       islands=islands, typed=typed, matches=matches,
                       answers_query=urlencode({"place": typed}) if typed else None,
                       municipalities={m.municipality.slug: m.municipality for m in matches})


@bp.get("/<lang>/places/<slug>/")
def municipality(lang: str, slug: str):
    """Every service for one municipality: offices there first, then the nearest, fallbacks marked."""
    _check_language(lang)
    with db.session() as session:
        plan = queries.municipality_roadmap(session, slug)
    if plan is None:
        abort(404)
    title = _("Services in %(municipality)s", municipality=plan.municipality.name)
    return render_page("_directory_municipality.html", page="directory-municipality", title=title, roadmap=plan)


@bp.get("/<lang>/search")
def search(lang: str):
    """Services, organisations and places whose names hold every word typed, accents or not."""
    _check_language(lang)
    query = printable(request.args.get("q", "")).strip()[: queries.MAX_QUERY]
    with db.session() as session:
        results = queries.search(session, query, lang) if query else []
    return render_page("_directory_search.html", page="directory-search", title=_("Search"),
                       query=query, results=results, answers_query=urlencode({"q": query}) if query else None)


def _flows_leading_to(service_slug: str) -> list:
    loaded = content.current()
    return [loaded.routers[fid].flow for fid in loaded.flows_by_service.get(service_slug, ())
            if fid in loaded.routers]


def _check_language(lang: str) -> None:
    if lang not in i18n.supported():
        abort(404)
