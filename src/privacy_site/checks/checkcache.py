"""A per-file cache of check results: a repeated `check` only checks again the files that changed.

A version file's result (its problems and its typed model) depends on its bytes, where it is shown,
its place among the versions, the organisation's file and the privacy-site code: all of them are in
the key. The cache lives in the user's cache folder, never in the repository (it holds pickles, which
must not come from a pull request).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent  # the whole privacy_site package
_SUFFIXES = (".py", ".po", ".j2", ".json")


def code_fingerprint() -> str:
    """Changes whenever a file of the installed privacy-site code, catalogs or templates changes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in _SUFFIXES):
        info = path.stat()
        digest.update(f"{path.relative_to(_PACKAGE)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def file_digest(path: Path) -> str | None:
    """The hash of a regular file's bytes (None when it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class CheckCache:
    """Results per key for one policies folder; entries not used in a run are dropped when it is saved."""

    def __init__(self, root: Path) -> None:
        base = os.environ.get("PRIVACY_SITE_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "privacy-site")
        folder = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        self.enabled = not os.environ.get("PRIVACY_SITE_NO_CACHE")
        self.path = Path(base) / f"check-{folder}-{code_fingerprint()}.pickle"
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        if self.enabled:
            try:
                with self.path.open("rb") as handle:
                    self.old = pickle.load(handle)
            except Exception:  # noqa: BLE001 - a missing or damaged cache is an empty one
                self.old = {}

    def get(self, key: str) -> Any:
        """The cached result for `key`, or None."""
        found = self.old.get(key) if self.enabled else None
        if found is not None:
            self.new[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        """Remember a result for the next run."""
        if self.enabled:
            self.new[key] = value

    def save(self) -> None:
        """Write the results of this run (best effort: a read-only home only makes the next check slower)."""
        if not self.enabled or self.new == self.old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for stale in self.path.parent.glob(self.path.name.rsplit("-", 1)[0] + "-*.pickle"):
                stale.unlink(missing_ok=True)  # results of older code for this folder
            partial = self.path.with_suffix(".tmp")
            with partial.open("wb") as handle:
                pickle.dump(self.new, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(self.path)
        except OSError:
            pass
