"""Staff routes: sign in and out, then read-only pages over the content. Views stay thin."""

from __future__ import annotations

import math
import time
from functools import wraps

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from limits import parse
from sqlmodel import select

from guide import content, db
from guide.authoring import graph
from guide.staff import pages
from guide.staff.forms import LoginForm, LogoutForm
from guide.staff.models import StaffUser

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.before_request
def limit_posts() -> None:
    """Every sign-in (any form sent here) counts against STAFF_LOGIN_LIMIT for its address."""
    if request.method == "POST":
        limit = parse(current_app.config["STAFF_LOGIN_LIMIT"])
        attempts, address = current_app.extensions["staff_attempts"], request.remote_addr or "unknown"
        if not attempts.hit(limit, "staff-post", address):
            reset_at, _remaining = attempts.get_window_stats(limit, "staff-post", address)
            g.retry_after = max(1, math.ceil(reset_at - time.time()))
            abort(429)


@bp.before_request
def load_user() -> None:
    g.staff_user = None
    user_id = session.get("staff_user")
    if user_id is not None:
        with db.session() as s:
            g.staff_user = s.get(StaffUser, user_id)


@bp.after_request
def no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


def login_required(view):
    @wraps(view)
    def wrapped(**kwargs):
        if g.staff_user is None:
            return redirect(url_for("staff.login", next=request.path))
        return view(**kwargs)
    return wrapped


def render(template: str, *, page: str, title: str, status: int = 200, **context):
    html = render_template(template, page=page, title=title, logout_form=LogoutForm(), **context)
    return make_response(html, status)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    valid = request.method == "POST" and form.validate()
    if "csrf_token" in form.errors:
        abort(400)  # a missing or wrong token: the translated 400 page, nothing changed
    error = None
    if valid:
        with db.session() as s:
            user = s.exec(select(StaffUser).where(StaffUser.name == form.name.data.strip())).first()
        if user is not None and user.check_password(form.password.data):
            session.clear()
            session["staff_user"] = user.id
            target = request.args.get("next", "")
            return redirect(target if target.startswith("/staff/") else url_for("staff.index"))
        error = _("That name and password do not match an account.")
    status = 401 if error else (422 if request.method == "POST" else 200)
    return render("staff/login.html", page="staff-login", title=_("Staff sign-in"), status=status,
                  form=form, error=error)


@bp.post("/logout")
def logout():
    form = LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    session.clear()
    return redirect(url_for("staff.login"))


@bp.get("/")
@login_required
def index():
    report = pages.report()
    routers = content.current().routers
    by_file = {f: report.for_file(f) for f in report.files}
    return render("staff/index.html", page="staff-flows", title=_("Flows and their checks"),
                  routers=routers, report=report, by_file=by_file)


def _router(flow_id: str):
    router = content.current().routers.get(flow_id)
    if router is None:
        abort(404)
    return router


@bp.get("/flows/<flow_id>/")
@login_required
def flow(flow_id: str):
    router = _router(flow_id)
    nodes, path_rows = pages.flow_view(router)
    return render("staff/flow.html", page="staff-flow", title=str(router.flow.title), flow=router.flow,
                  nodes=nodes, paths=path_rows)


@bp.get("/flows/<flow_id>/graph.<ext>")
@login_required
def graph_file(flow_id: str, ext: str):
    draw = {"mmd": graph.mermaid, "dot": graph.dot}.get(ext)
    if draw is None:
        abort(404)
    response = make_response(draw(_router(flow_id).flow))
    response.mimetype = "text/plain"
    response.headers["Content-Disposition"] = f'attachment; filename="{flow_id}.{ext}"'
    return response


@bp.get("/directory/")
@login_required
def directory():
    stale, undated = pages.stale_sources()
    return render("staff/directory.html", page="staff-directory", title=_("Directory sources to review"),
                  stale=stale, undated=undated)


@bp.errorhandler(429)
def too_many(error):
    response = render("staff/login.html", page="staff-login", title=_("Staff sign-in"), status=429,
                      form=LoginForm(formdata=None),
                      error=_("Too many sign-in attempts. Wait a minute, then try again."))
    response.headers["Retry-After"] = str(g.get("retry_after", 60))
    return response
