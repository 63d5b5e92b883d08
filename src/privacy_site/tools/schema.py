"""JSON Schemas for editors, generated from the model (committed under schemas/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from privacy_site.checks.requests import NativeRequestPayload, RequestPayload
from privacy_site.model.cookies import CookieStatement
from privacy_site.model.documents import Organisation, PrivacyStatement, SiteConfig

KINDS: dict[str, Any] = {"organisation": Organisation, "privacy": PrivacyStatement, "cookies": CookieStatement,
                         "site": SiteConfig, "privacy-request": RequestPayload,
                         "privacy-request-form": NativeRequestPayload}  # the JSON post; the native form post


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind."""
    schema = KINDS[kind].model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    return schema


def render(kind: str) -> str:
    """The schema as stable, committed text."""
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_all(folder: Path) -> list[Path]:
    """Write every schema into folder; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # `make schemas`
    import sys

    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(written)
