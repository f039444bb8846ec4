"""`flask` commands: thin wrappers over importable functions."""

from flask import Flask

from guide.authoring.cli import flows_cli
from guide.directory.cli import directory_cli
from guide.migrate import db_cli


def init_app(app: Flask) -> None:
    app.cli.add_command(directory_cli)
    app.cli.add_command(flows_cli)
    app.cli.add_command(db_cli)
