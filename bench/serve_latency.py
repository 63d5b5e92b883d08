"""How long a YAML edit takes to show in the preview (`make serve`) on a synthetic corpus of N organisations.

Starts `mkdocs serve` the way `make serve` does (PRIVACY_SITE_PREVIEW=1, --dirty), on a free port of 127.0.0.1,
with the policies of N organisations (bench/corpus.py); then, --edits times, adds a word to the introduction of
the first organisation's current privacy statement and polls its Dutch page until the word appears. For each
edit it prints the wall time until the page showed it and the CPU time the server spent meanwhile.

With --baseline TREE it first does the same with another checkout (for example a `git archive` of an earlier
commit unpacked in a temporary folder): its mkdocs.yml, hooks and package, started the way its Makefile did
(without --dirty unless --baseline-dirty), so both are measured back to back on the same corpus.

Every wait has a time limit; when one runs out, or the server stops, the script says which and shows the end of
the server's log, and exits with 1.

    python bench/serve_latency.py [N] [--edits 3] [--first-build-timeout 900] [--edit-timeout 300]
                                  [--baseline TREE [--baseline-dirty]]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate, slug_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Failed(Exception):
    """A wait ran out or the server stopped: the message says which."""


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


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its waited-for children (Linux /proc), 0 when unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(value) for value in fields[11:15]) / _CLOCK_TICKS  # utime stime cutime cstime


@dataclass
class Server:
    """A running `mkdocs serve` and where its log goes."""

    process: subprocess.Popen[bytes]
    log: Path
    url: str

    def tail(self, lines: int = 25) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def wait_for(self, path: str, word: str, limit: float, what: str) -> float:
        """Seconds until `word` is on the page at `path`; Failed after `limit` seconds or when the server stops."""
        start = time.monotonic()
        while time.monotonic() - start < limit:
            if word in _get(self.url + path):
                return time.monotonic() - start
            code = self.process.poll()
            if code is not None:
                raise Failed(f"{what}: the server stopped (exit code {code}). End of its log:\n{self.tail()}")
            time.sleep(0.1)
        raise Failed(f"{what}: not seen on /{path} after {limit:.0f} s. End of the server's log:\n{self.tail()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


def start_server(tree: Path, policies: Path, work: Path, label: str, dirty: bool) -> Server:
    """`mkdocs serve` of `tree` (its mkdocs.yml, hooks and src/) on a free port, logging to a file."""
    port = _free_port()
    env = {**os.environ, "PRIVACY_SITE_POLICIES": str(policies), "PRIVACY_SITE_PREVIEW": "1",
           "NO_MKDOCS_2_WARNING": "1"}
    if tree != ROOT:
        env["PYTHONPATH"] = str(tree / "src")
    command = [str(ROOT / ".venv" / "bin" / "mkdocs"), "serve", "-f", str(tree / "mkdocs.yml"),
               "--dev-addr", f"127.0.0.1:{port}", "--livereload", "--watch", str(policies)]
    if dirty:
        command.insert(2, "--dirty")
    log = work / f"serve-{label}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=tree, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Server(process, log, f"http://127.0.0.1:{port}/")


def measure(tree: Path, policies: Path, work: Path, label: str, args: argparse.Namespace, dirty: bool) -> list[float]:
    """Start the preview of `tree`, edit `args.edits` times; the wall seconds of each edit (printed as it goes)."""
    version = sorted((policies / slug_for(1) / "privacy").glob("*.yaml"))[-1]
    original = version.read_text(encoding="utf-8")
    page = f"nl/{slug_for(1)}/privacy/"
    server = start_server(tree, policies, work, label, dirty)
    seconds = []
    try:
        started = server.wait_for(page, "<html", args.first_build_timeout, f"{label}: the first build")
        print(f"{label}: first build served after {started:.1f} s", flush=True)
        for attempt in range(1, args.edits + 1):
            word = f"Kwartelkoning{label.capitalize()}{chr(ord('a') + attempt)}"  # no digit: the check compares numbers
            text = version.read_text(encoding="utf-8")
            edited = re.sub(r"(introduction:\n  nl: [|>]-?\n +)", rf"\g<1>{word} ", text, count=1)
            if edited == text:
                raise Failed("the first organisation's introduction was not found in " + str(version))
            cpu = _cpu_seconds(server.process.pid)
            version.write_text(edited, encoding="utf-8")
            wall = server.wait_for(page, word, args.edit_timeout, f"{label}: edit {attempt}")
            cpu = _cpu_seconds(server.process.pid) - cpu
            seconds.append(wall)
            print(f"{label}: edit {attempt} visible after {wall:.2f} s (server CPU meanwhile {cpu:.2f} s)", flush=True)
    finally:
        server.stop()
        version.write_text(original, encoding="utf-8")
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Print the seconds from a saved YAML edit to the changed page; 1 when a wait failed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=50)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--first-build-timeout", type=float, default=900)
    parser.add_argument("--edit-timeout", type=float, default=300)
    parser.add_argument("--baseline", type=Path, metavar="TREE", help="another checkout to measure first")
    parser.add_argument("--baseline-dirty", action="store_true", help="start the baseline with --dirty too")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="privacy-site-serve-"))
    results: dict[str, list[float]] = {}
    try:
        policies = work / "policies"
        generate(policies, args.n)
        print(f"N={args.n}: {sum(1 for _ in policies.rglob('*.yaml'))} YAML files", flush=True)
        if args.baseline is not None:
            results["baseline"] = measure(args.baseline.resolve(), policies, work, "baseline", args,
                                          args.baseline_dirty)
        results["current"] = measure(ROOT, policies, work, "current", args, dirty=True)
    except Failed as failed:
        print(f"FAILED: {failed}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for label, seconds in results.items():
        print(f"{label}: median {statistics.median(seconds):.2f} s from save to page (N={args.n})")
    if "baseline" in results:
        ratio = statistics.median(results["current"]) / statistics.median(results["baseline"])
        print(f"current / baseline: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
