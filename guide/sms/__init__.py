"""The SMS channel: the same flows and roadmaps as the web, for phones with no data.

The core (`conversation`, `gsm`, `words`, `sessions`) imports no Flask; `web`
is the thin webhook blueprint in Twilio's shape and `cli` the `flask sms`
commands.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from guide.sms import cli, gsm, web

    app.config.setdefault("SMS_MAX_SEGMENTS", gsm.MAX_SEGMENTS)
    app.config.setdefault("SMS_IDLE_MINUTES", 120)
    # Replies cost money: at most SMS_RATE_LIMIT messages per number in SMS_RATE_WINDOW_MINUTES are
    # answered. The longest roadmap read to its end with MORE takes 30, so a person never meets it.
    app.config.setdefault("SMS_RATE_LIMIT", 60)
    app.config.setdefault("SMS_RATE_WINDOW_MINUTES", 60)
    app.config.setdefault("SMS_AUTH_TOKEN", None)  # the gateway's secret that signs its calls
    app.config.setdefault("SMS_PUBLIC_URL", None)  # the webhook's URL as the gateway calls it
    app.register_blueprint(web.bp)
    app.cli.add_command(cli.sms_cli)
