"""How long a YAML edit takes to show in the preview (`make serve`) on a synthetic corpus of N organisations.

Starts `mkdocs serve` the way `make serve` does, on a free port of 127.0.0.1, with the policies of N
organisations (bench/corpus.py); then, three times, adds a word to the introduction of the first
organisation's current privacy statement and polls its Dutch page until the word appears.

    python bench/serve_latency.py [N]        (default 50)
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate, slug_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _wait_for(url: str, word: str, limit: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if word in _get(url):
            return time.monotonic() - start
        time.sleep(0.1)
    return None


def main() -> int:
    """Print the seconds from a saved YAML edit to the changed page, three times."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    work = Path(tempfile.mkdtemp(prefix="privacy-site-serve-"))
    try:
        policies = work / "policies"
        generate(policies, n)
        org = policies / slug_for(1) / "privacy"
        version = sorted(org.glob("*.yaml"))[-1]
        port = _free_port()
        env = {**os.environ, "PRIVACY_SITE_POLICIES": str(policies), "PRIVACY_SITE_PREVIEW": "1",
               "NO_MKDOCS_2_WARNING": "1"}
        command = [str(ROOT / ".venv" / "bin" / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}",
                   "--livereload", "--watch", str(policies)]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/nl/{slug_for(1)}/privacy/"
        try:
            started = _wait_for(url, "<html", 900)
            print(f"N={n}: first build served after {started:.1f} s" if started else f"N={n}: never served")
            for attempt in range(1, 4):
                word = f"Kwartelkoning{attempt}"
                text = version.read_text(encoding="utf-8")
                edited = re.sub(r"(introduction:\n  nl: [|>]-?\n +)", rf"\g<1>{word} ", text, count=1)
                assert edited != text, "the first organisation's introduction was not found"
                version.write_text(edited, encoding="utf-8")
                seconds = _wait_for(url, word, 600)
                print(f"edit {attempt}: visible after {seconds:.1f} s" if seconds else f"edit {attempt}: not seen")
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
