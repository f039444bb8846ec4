"""`flask directory load`: check the directory YAML and load it into the database."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from guide import db
from guide.directory import content, store
from guide.yamlfile import ContentError

directory_cli = AppGroup("directory", help="Manage the services directory.")


@directory_cli.command("load")
def load_command() -> None:
    """Check flows/directory/*.yaml and replace the directory in the database."""
    try:
        directory = content.read(current_app.config["DIRECTORY_DIR"])
    except ContentError as err:
        raise click.ClickException(f"the directory has problems:\n{err}") from None
    counts = store.load(directory, db.engine())
    click.echo(
        f"Loaded {len(directory.islands)} islands, {len(directory.municipalities)} municipalities, "
        f"{len(directory.organisations)} organisations, {len(directory.services)} services, "
        f"{len(directory.locations)} locations ({counts.get('directory_fact', 0)} sourced facts, "
        f"{counts.get('directory_channel', 0)} channels)."
    )
