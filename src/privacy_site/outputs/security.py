"""Security headers and a strict Content-Security-Policy, with the theme's inline scripts allowed by hash."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_JS_TYPES = ("", "text/javascript", "application/javascript", "module")
_CHARSET = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)

OTHER_HEADERS = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources of the inline scripts that a browser would run."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"].lower()
        if " src=" in attrs:
            continue
        kind = re.search(r'\stype="([^"]*)"', attrs)
        if kind and kind.group(1) not in _JS_TYPES:
            continue  # data blocks such as Material's JSON configuration are not executed
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def content_security_policy(hashes: Iterable[str], sources: dict[str, list[str]], *, meta: bool = False) -> str:
    """The site's policy: only this origin, the listed script hashes and the request form endpoints."""
    directives = [
        ("default-src", ["'self'"]),
        # 'wasm-unsafe-eval' lets the search worker compile Pagefind's WebAssembly (never JavaScript from strings).
        ("script-src", ["'self'", "'wasm-unsafe-eval'", *sorted(set(hashes))]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", sources.get("connect-src", ["'self'"])),
        ("form-action", sources.get("form-action", ["'self'"])),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
    ]
    if not meta:
        directives.append(("frame-ancestors", ["'none'"]))  # ignored (and warned about) in a <meta> policy
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def with_meta_policy(html: str, policy: str) -> str:
    """The page with its policy as a <meta http-equiv> fallback, before any script."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return _CHARSET.sub(lambda m: m.group(0) + "\n    " + tag, html, count=1)


def headers_file(policy: str) -> str:
    """Netlify / Cloudflare Pages `_headers`."""
    lines = ["/*", f"  Content-Security-Policy: {policy}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS.items()]
    return "\n".join(lines) + "\n"


def nginx_snippet(policy: str, languages: Iterable[str]) -> str:
    """The same headers, and the 404 page per language, for an nginx server block."""
    lines = ["# Include in the server block that serves this site.",
             f'add_header Content-Security-Policy "{policy}" always;']
    lines += [f'add_header {name} "{value}" always;' for name, value in OTHER_HEADERS.items()]
    lines.append("error_page 404 /404.html;")
    for lang in languages:
        lines.append(f"location /{lang}/ {{ error_page 404 /{lang}/404.html; }}")
    return "\n".join(lines) + "\n"


def redirects_file(languages: Iterable[str]) -> str:
    """Netlify / Cloudflare Pages `_redirects`: a 404 in the visitor's language."""
    return "".join(f"/{lang}/*  /{lang}/404.html  404\n" for lang in languages)
