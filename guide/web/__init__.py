"""The web interface: thin views over the engine, the directory and the roadmap."""

from flask import Flask

from guide.web import directory_views, errors, safety, security, views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.register_blueprint(directory_views.bp)
    errors.init_app(app)
    security.init_app(app)
    safety.init_app(app)
