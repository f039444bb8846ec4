"""The web interface: thin views over the engine, the directory and the roadmap."""

from flask import Flask

from guide.web import (
    assets,
    compression,
    directory_views,
    errors,
    safety,
    security,
    views,
)


def init_app(app: Flask) -> None:
    compression.init_app(app)  # registered first, so it runs last, on the finished response
    assets.init_app(app)
    # No blank lines left by block tags: bytes every page would carry for nothing.
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.register_blueprint(views.bp)
    app.register_blueprint(directory_views.bp)
    errors.init_app(app)
    security.init_app(app)
    safety.init_app(app)
