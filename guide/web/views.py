"""The wizard's pages, as docs/adr/0001-url-grammar.md lays them out.

Views parse the URL, replay it through the flow's router, and render; the
shape of each page is decided in `guide.web.pages`.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, request, url_for
from flask_babel import gettext as _

from guide import content, i18n
from guide.web import pages
from guide.web.render import render_page

bp = Blueprint("web", __name__)


@bp.get("/")
def root():
    """Send a visitor to the home page in the best language their browser asks for."""
    response = redirect(url_for("web.home", lang=i18n.negotiate()))
    response.vary.update(("Accept-Language", "HX-Request", "HX-History-Restore-Request"))
    return response


@bp.get("/robots.txt")
def robots():
    return Response("User-agent: *\nAllow: /\n", mimetype="text/plain", headers={"Cache-Control": "max-age=86400"})


@bp.get("/favicon.ico")
def favicon():
    """No icon: answer at once, and let the browser keep that answer, so no round trip is wasted."""
    return Response(status=204, headers={"Cache-Control": "max-age=31536000, immutable"})


@bp.get("/<lang>/")
def home(lang: str):
    _check_language(lang)
    routers = content.current().routers.values()
    return render_page("_home.html", page="home", title=_("What do you need help with?"),
                       flows=[r.flow for r in routers])


@bp.get("/<lang>/help/")
def help_now(lang: str):
    """The emergency and victim-support lines with the source of each: linked from every sensitive page."""
    _check_language(lang)
    return render_page("_help.html", page="help", title=_("If you are in danger or need help now"),
                       sensitive=True)


@bp.get("/<lang>/<flow_id>/")
def step(lang: str, flow_id: str):
    """The current step of a walk: the first unanswered question, or the roadmap."""
    router = _router(lang, flow_id)
    return pages.walk_page(router, router.walk(_answers()))


@bp.get("/<lang>/<flow_id>/<question_id>/")
def question(lang: str, flow_id: str, question_id: str):
    """One question with its current answer selected (what Back and "change" open)."""
    router = _router(lang, flow_id)
    if question_id not in {q.id for q in router.flow.questions()}:
        abort(404)
    walk = router.walk(_answers())
    return pages.walk_page(router, walk, revisit=question_id)


def _check_language(lang: str) -> None:
    if lang not in i18n.supported():
        abort(404)


def _router(lang: str, flow_id: str):
    _check_language(lang)
    router = content.current().routers.get(flow_id)
    if router is None:
        abort(404)
    return router


def _answers() -> dict[str, list[str]]:
    return request.args.to_dict(flat=False)
