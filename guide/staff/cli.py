"""`flask staff create-user NAME`: make or reset a staff account; the password is prompted."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlmodel import select

from guide import db
from guide.staff.models import StaffUser

staff_cli = AppGroup("staff", help="Manage staff accounts.")

MIN_PASSWORD = 12


def create_user(name: str, password: str) -> StaffUser:
    """Create the account `name`, or set its password if it exists."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password must have at least {MIN_PASSWORD} characters")
    with db.session() as session:
        user = session.exec(select(StaffUser).where(StaffUser.name == name)).first() or StaffUser(name=name)
        user.set_password(password)
        session.add(user)
        session.commit()
        session.refresh(user)
        return user


@staff_cli.command("create-user")
@click.argument("name")
@click.password_option("--password", prompt="Password", help="Prompted (or read from stdin) when not given.")
def create_user_command(name: str, password: str) -> None:
    """Create a staff account NAME (or reset its password)."""
    try:
        create_user(name.strip(), password)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Staff account '{name.strip()}' is ready.")
