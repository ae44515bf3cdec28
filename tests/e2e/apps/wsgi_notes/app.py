"""A small WSGI app on three pure-Python packages from PyPI: Routes (URL routing), Markdown
(rendering the notes) and chevron (Mustache templates)."""

from pathlib import Path

import chevron
import markdown
from routes import Mapper

HERE = Path(__file__).resolve().parent
NOTES = HERE / "notes"
PAGE = (HERE / "page.mustache").read_text()

mapper = Mapper()
mapper.connect("index", "/", action="index")
mapper.connect("note", "/notes/{slug}", action="note")


def _page(title: str, body: str, notes: list[dict[str, str]]) -> bytes:
    return chevron.render(PAGE, {"title": title, "body": body, "notes": notes}).encode()


def application(environ, start_response):
    found = mapper.match(environ.get("PATH_INFO") or "/")
    notes = [{"slug": p.stem, "href": f"/notes/{p.stem}"} for p in sorted(NOTES.glob("*.md"))]
    if found and found["action"] == "index":
        body = _page("Notes", f"<p>{len(notes)} notes</p>", notes)
    elif found and (NOTES / f"{found['slug']}.md").is_file():
        text = (NOTES / f"{found['slug']}.md").read_text()
        body = _page(found["slug"], markdown.markdown(text, extensions=["tables"]), notes)
    else:
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"no such page\n"]
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                              ("Content-Length", str(len(body)))])
    return [body]
