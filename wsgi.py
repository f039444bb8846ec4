"""Entry point for `flask --app wsgi` and WSGI servers."""

from guide import create_app

app = create_app()
