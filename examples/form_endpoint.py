"""A minimal endpoint for the privacy request form, with the Python standard library only.

    python3 examples/form_endpoint.py --allow-origin https://privacy.example.be --store requests.jsonl

It receives both posts of the contact page (docs/form-endpoint.md explains them):

- with JavaScript, JSON sent with fetch(): the browser first asks permission (a CORS preflight, OPTIONS),
  which is given to the site's origin only; then POST application/json. Answer: 201 with JSON.
- without JavaScript, the browser's own form post: POST application/x-www-form-urlencoded. Answer: a short
  page in the visitor's language, with a link back to the contact page.

Every accepted request is appended to the store as one JSON line, with the time it was received. A post
whose "website" field is filled in (the trap for robots, hidden from people) is not stored, and the answer
says that nothing was sent. An invalid post is refused with 400 and what is wrong.

This example speaks plain HTTP on 127.0.0.1: in production, run it behind your HTTPS web server, keep the
store where only the people who handle requests can read it, and delete requests when your retention
period ends.
"""

from __future__ import annotations

import argparse
import html
import http.server
import json
import re
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

MAX_BYTES = 64 * 1024
LANGUAGES = ("nl", "fr", "de", "en")
REQUEST_TYPES = ("access", "rectification", "erasure", "restriction", "objection", "portability",
                 "withdraw_consent", "automated_decisions", "question")
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# What the visitor reads after a post without JavaScript (the site's own pages say it with JavaScript).
PAGES = {
    "nl": {"received": ("Verzoek ontvangen", "We hebben uw verzoek ontvangen. We antwoorden binnen een maand."),
           "not_sent": ("Niet verstuurd", "Uw verzoek is niet verstuurd. U kunt het per e-mail versturen."),
           "invalid": ("Niet verstuurd", "Uw verzoek is niet verstuurd: een veld is niet goed ingevuld."),
           "back": "Terug naar de contactpagina"},
    "fr": {"received": ("Demande reçue", "Nous avons bien reçu votre demande. Nous répondons dans un délai d'un "
                                         "mois."),
           "not_sent": ("Non envoyée", "Votre demande n'a pas été envoyée. Vous pouvez l'envoyer par e-mail."),
           "invalid": ("Non envoyée", "Votre demande n'a pas été envoyée : un champ n'est pas correctement "
                                      "rempli."),
           "back": "Retour à la page de contact"},
}


def problems(data: dict[str, Any], *, native: bool) -> list[str]:
    """What is wrong with a request, after schemas/privacy-request(-form).schema.json; empty when it is valid."""
    allowed = {"organisation", "language", "request_type", "name", "email", "message", "reference",
               "statement_version", *(("website",) if native else ("submitted_at",))}
    found = [f"unknown field {key!r}" for key in data if key not in allowed]
    text = {key: value for key, value in data.items() if isinstance(value, str)}
    for key in ("organisation", "language", "request_type", "name", "email", "message", "statement_version",
                *(() if native else ("submitted_at",))):
        if not text.get(key):
            found.append(f"{key} is missing")
    if found:
        return found
    checks = [
        ("organisation", bool(SLUG.match(text["organisation"]))),
        ("language", text["language"] in LANGUAGES),
        ("request_type", text["request_type"] in REQUEST_TYPES),
        ("name", len(text["name"]) <= 200),
        ("email", bool(EMAIL.match(text["email"]))),
        ("message", len(text["message"]) <= 5000),
        ("reference", data.get("reference") is None and not native
         or isinstance(data.get("reference", ""), str) and len(data.get("reference", "")) <= 100),
        ("statement_version", _parses(date.fromisoformat, text["statement_version"])),
    ]
    if not native:
        checks.append(("submitted_at", _parses(datetime.fromisoformat, text["submitted_at"].replace("Z", "+00:00"))))
    return [f"{key} is not valid" for key, ok in checks if not ok]


def _parses(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


class Endpoint(http.server.BaseHTTPRequestHandler):
    """One request at a time per connection; the server object carries the settings."""

    server: EndpointServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the standard library's name
        pass  # nothing personal in logs

    def _allowed_origin(self) -> str | None:
        origin = self.headers.get("Origin")
        return origin if origin is not None and origin in self.server.allow_origins else None

    def _send(self, status: int, body: bytes, content_type: str, *, cors: bool = False) -> None:
        self.send_response(status)
        origin = self._allowed_origin()
        if cors and origin is not None:
            self.send_header("Access-Control-Allow-Origin", origin)  # this site only, never "*"
            self.send_header("Vary", "Origin")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_OPTIONS(self) -> None:  # noqa: N802 - the standard library's name
        """The CORS preflight that fetch() sends before a JSON post."""
        origin = self._allowed_origin()
        if origin is None or self.headers.get("Access-Control-Request-Method") != "POST":
            self.send_response(403)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", origin)
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Vary", "Origin")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:  # noqa: N802 - the standard library's name
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BYTES:
            self._send(413, b'{"error": "too large"}', "application/json")
            return
        raw = self.rfile.read(length).decode("utf-8", errors="replace")
        kind = self.headers.get("Content-Type", "").split(";")[0].strip()
        if kind == "application/json":
            self._json(raw)
        elif kind == "application/x-www-form-urlencoded":
            self._native(raw)
        else:
            self._send(415, b'{"error": "send JSON or a form post"}', "application/json")

    def _json(self, raw: str) -> None:
        if self._allowed_origin() is None:  # a browser would not let the page read the answer anyway
            self._send(403, b'{"error": "origin not allowed"}', "application/json")
            return
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        found = problems(data, native=False) if isinstance(data, dict) else ["the body is not a JSON object"]
        if found:
            self._send(400, json.dumps({"error": found}).encode(), "application/json", cors=True)
            return
        self.server.store("json", data)
        self._send(201, b'{"received": true}', "application/json", cors=True)

    def _native(self, raw: str) -> None:
        fields = {key: values[0] for key, values in parse_qs(raw, keep_blank_values=True).items()}
        lang = fields.get("language") if fields.get("language") in PAGES else "nl"
        if fields.get("website"):  # a robot filled in the hidden field: nothing is stored, nothing confirmed
            self._page(422, lang, "not_sent", fields)
            return
        if problems(fields, native=True):
            self._page(400, lang, "invalid", fields)
            return
        self.server.store("form", fields)
        self._page(200, lang, "received", fields)

    def _page(self, status: int, lang: str, what: str, fields: dict[str, str]) -> None:
        title, text = PAGES[lang][what]
        origin = self.server.allow_origins[0] if self.server.allow_origins else ""
        org = fields.get("organisation", "") if SLUG.match(fields.get("organisation", "")) else ""
        back = f"{origin}/{lang}/{org}/contact/" if origin and org else ""
        link = f'<p><a href="{html.escape(back)}">{PAGES[lang]["back"]}</a></p>' if back else ""
        body = (f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>{html.escape(title)}</title>'
                f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>{link}</html>")
        self._send(status, body.encode("utf-8"), "text/html; charset=utf-8")


class EndpointServer(http.server.ThreadingHTTPServer):
    """The endpoint with its settings: the site's origins and the file the requests are appended to."""

    def __init__(self, address: tuple[str, int], allow_origins: list[str], store_path: Path) -> None:
        super().__init__(address, Endpoint)
        self.allow_origins = [origin.rstrip("/") for origin in allow_origins]
        self.store_path = store_path
        self._lock = threading.Lock()

    def store(self, via: str, request: dict[str, Any]) -> None:
        """Append one request, with the time it arrived (without JavaScript, the page sends no time)."""
        line = json.dumps({"received_at": datetime.now(UTC).isoformat(timespec="seconds"), "via": via,
                           "request": request}, ensure_ascii=False)
        with self._lock, self.store_path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--allow-origin", action="append", required=True,
                        help="the privacy site's origin, e.g. https://privacy.example.be (repeat for several)")
    parser.add_argument("--store", type=Path, default=Path("requests.jsonl"), help="JSON lines file to append to")
    args = parser.parse_args(argv)
    server = EndpointServer((args.host, args.port), args.allow_origin, args.store)
    print(f"listening on http://{args.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
