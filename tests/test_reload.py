"""In development, an edited flow is served at once; a broken edit keeps the last good version and shows why."""

from __future__ import annotations

import shutil
from pathlib import Path

from guide import create_app, db
from guide.directory import store
from tests.conftest import Page

FLOWS = Path(__file__).resolve().parent.parent / "flows"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_an_edit_is_served_and_a_broken_edit_keeps_the_last_good_version(tmp_path):
    flows = tmp_path / "flows"
    shutil.copytree(FLOWS, flows)
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CONTENT_RELOAD": True,
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'guide.db'}",
                      "FLOWS_DIR": flows, "DIRECTORY_DIR": flows / "directory"})
    with app.app_context():
        store.load(app.extensions["content"].directory, db.engine())
    client = app.test_client()
    flow = flows / "residence.yaml"
    assert Page(client.get("/en/residence/")).heading == "Which passport do you have?"  # now kept

    edit(flow, "text: Which passport do you have?", "text: Which passports do you hold?")
    page = Page(client.get("/en/residence/"))
    assert page.heading == "Which passports do you hold?" and not page.soup.find(attrs={"data-content-error": True})

    edit(flow, 'as_of: "2025-10-15"', "as_of: 2025-10-15")
    page = Page(client.get("/en/residence/"))
    assert page.status == 200 and page.heading == "Which passports do you hold?"
    error = page.soup.find(attrs={"data-content-error": True}).get_text()
    line = flow.read_text().splitlines().index("as_of: 2025-10-15") + 1
    assert f"{flow}:{line}:" in error and "would be read as a date" in error

    edit(flow, "as_of: 2025-10-15", 'as_of: "2025-10-15"')
    page = Page(client.get("/en/residence/"))
    assert not page.soup.find(attrs={"data-content-error": True})


def test_reload_is_off_unless_asked_for(app):
    assert app.before_request_funcs.get(None) and all(
        f.__name__ != "reload_if_changed" for f in app.before_request_funcs[None])
