"""`flask sms simulate`: talk to the SMS channel from a terminal, one message a line."""

from __future__ import annotations

import sys
import uuid

import click
from flask.cli import AppGroup

from guide.sms import gsm, web

sms_cli = AppGroup("sms", help="The SMS channel.")


def simulate(lines, number: str, out=click.echo) -> None:
    """Send each line as a message from `number`; write each reply with its encoding and segments."""
    for line in lines:
        body = line.rstrip("\n")
        reply = web.receive(number, body, f"SM{uuid.uuid4().hex}")
        counted = gsm.count(reply)
        out(f"> {body}\n{reply or '(no reply)'}\n[{counted.encoding}, {counted.segments} segment"
            f"{'' if counted.segments == 1 else 's'}]\n")


@sms_cli.command("simulate")
@click.option("--from", "number", default="+351900000000", show_default=True, help="The sender's number.")
def simulate_command(number: str) -> None:
    """Read one message a line from standard input; print each reply, its encoding and segment count."""
    simulate(sys.stdin, number)
