"""How long `privacy-site check` takes on a synthetic corpus of N organisations: cold and warm.

Three runs, each in a fresh process: cold without the cache (PRIVACY_SITE_NO_CACHE=1), cold with an empty
cache (the first check of a clone: it also writes the cache) and warm (the same check again, nothing
changed). With --baseline SRC the same three runs are made with the privacy_site package found in SRC (for
example the src/ folder of a `git archive` of an earlier commit unpacked in a temporary folder, whose
mkdocs.yml is then used for it), interleaved with ours, so both see the same load on a shared machine.
Each measurement is the median of --repeat runs.

    python bench/run.py --check N [--baseline SRC] [--repeat R]
    python bench/check_time.py N [--baseline SRC] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as synthetic  # noqa: E402

# As the privacy-site command runs it (cli.run, where there is one).
CHECK = ("import sys; import privacy_site.tools.cli as cli; "
         "sys.argv = ['privacy-site', 'check', sys.argv[1], '--config', sys.argv[2]]; "
         "cli.run() if hasattr(cli, 'run') else sys.exit(cli.main())")
ROOT = Path(__file__).resolve().parent.parent
TARGET_WARM = 1.0
TARGET_COLD = 5.0


def _run(policies: Path, env: dict[str, str], config: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one check in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", CHECK, str(policies), str(config)], env=env, cwd=config.parent,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"privacy-site check failed on {policies}:\n{errors[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(policies: Path, sources: dict[str, str | None], repeat: int, work: Path) -> dict[str, dict[str, list]]:
    """Per source (label → src folder, None for the installed package) and per mode: (wall, cpu) runs."""
    results: dict[str, dict[str, list]] = {label: {"cold, no cache": [], "cold, empty cache": [], "warm": []}
                                           for label in sources}
    for attempt in range(repeat):
        for label, src in sources.items():
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
            env.pop("PRIVACY_SITE_NO_CACHE", None)
            config = ROOT / "mkdocs.yml"
            if src:
                env["PYTHONPATH"] = src
                if (Path(src).parent / "mkdocs.yml").is_file():  # a checkout: its own configuration and hooks
                    config = Path(src).parent / "mkdocs.yml"
            cache = work / f"cache-{label}-{attempt}"
            shutil.rmtree(cache, ignore_errors=True)
            env["PRIVACY_SITE_CACHE_DIR"] = str(cache)
            results[label]["cold, no cache"].append(_run(policies, {**env, "PRIVACY_SITE_NO_CACHE": "1"}, config))
            results[label]["cold, empty cache"].append(_run(policies, env, config))
            results[label]["warm"].append(_run(policies, env, config))
    return results


def report(n: int, results: dict[str, dict[str, list]]) -> bool:
    """Print medians (and ratios to the first source); True when the targets are met by ours."""
    print(f"privacy-site check, N={n} (median of {len(next(iter(next(iter(results.values())).values())))} runs)")
    first = next(iter(results))
    for mode in ("cold, no cache", "cold, empty cache", "warm"):
        for label, modes in results.items():
            wall = statistics.median(w for w, _ in modes[mode])
            cpu = statistics.median(c for _, c in modes[mode])
            line = f"  {mode:<18} {label:<9} wall {wall:6.2f} s  cpu {cpu:6.2f} s"
            if label != first:
                base_cpu = statistics.median(c for _, c in results[first][mode])
                base_wall = statistics.median(w for w, _ in results[first][mode])
                line += f"   ({cpu / base_cpu:.2f}x cpu, {wall / base_wall:.2f}x wall of {first})"
            print(line)
    ours = results["current"]
    warm = statistics.median(w for w, _ in ours["warm"])
    cold = statistics.median(w for w, _ in ours["cold, no cache"])
    print(f"{'PASS' if warm < TARGET_WARM else 'FAIL'}  warm check {warm:.2f} s wall, target < {TARGET_WARM} s")
    print(f"{'PASS' if cold < TARGET_COLD else 'FAIL'}  cold check {cold:.2f} s wall, target < {TARGET_COLD} s")
    return warm < TARGET_WARM and cold < TARGET_COLD


def run(n: int, baseline: Path | None, repeat: int, work: Path) -> int:
    """Generate the corpus, measure, print; an exit code."""
    policies = work / f"policies-{n}"
    synthetic.generate(policies, n)
    sources: dict[str, str | None] = {}
    if baseline is not None:
        sources["baseline"] = str(baseline.resolve())
    sources["current"] = None
    return 0 if report(n, measure(policies, sources, repeat, work)) else 1


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=200)
    parser.add_argument("--baseline", type=Path, metavar="SRC", help="a folder holding another privacy_site package")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="privacy-site-check-") as temp:
        return run(args.n, args.baseline, args.repeat, Path(temp))


if __name__ == "__main__":
    sys.exit(main())
