"""Every error is a translated page with a way back, never a stack trace."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError

from guide.web.render import render_page


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Something in that request was not right"), _("Go back and try again.")),
        404: (_("Page not found"), _("The address may be mistyped, or the page may have moved.")),
        405: (_("That is not allowed here"), _("This page can only be opened, not sent to.")),
        413: (_("That request was too large"), _("Go back and send less.")),
        414: (_("That address is too long"), _("Start again from the home page.")),
        431: (_("That request was too large"), _("Your browser sent too much with it. Start again from the home page.")),
        500: (_("Sorry, something went wrong on our side"), _("Please try again later.")),
    }


def handle_http_error(error: HTTPException):
    code = error.code or 500
    messages = _messages()
    title, advice = messages.get(code) or messages[400 if code < 500 else 500]  # e.g. 416: its own code
    if request_ctx.url_adapter is None:
        # The Host was refused (TRUSTED_HOSTS, or malformed) before any routing: the page's
        # links are relative, so any host name lets them be built, and the request's is never read.
        request_ctx.url_adapter = current_app.url_map.bind("localhost", script_name=request.script_root or "/")
    response = render_page("_error.html", page="error", title=title, status=code, advice=advice)
    for name, value in error.get_headers():  # Allow on a 405, Content-Range on a 416
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def handle_unexpected(error: Exception):
    """Log the fault for us; show the person a page, never a traceback."""
    current_app.logger.exception("unhandled error")
    return handle_http_error(InternalServerError())


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
