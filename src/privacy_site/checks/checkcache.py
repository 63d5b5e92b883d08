"""A per-file cache of check results: a repeated `check` only checks again the files that changed.

A file's result (its problems, its typed model and the few facts other checks need) depends on its bytes,
where it is shown and the privacy-site code; a version's also on its place among the versions and on the
organisation's file: all of them are in the key. Typed models are kept pickled one by one (`Stored`), so
loading the cache costs little and a model is only unpickled when it is used (a check that finds nothing
changed unpickles none). The cache lives in the user's cache folder, never in the repository (it holds
pickles, which must not come from a pull request).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

_PACKAGE = Path(__file__).resolve().parent.parent  # the whole privacy_site package
_SUFFIXES = (".py", ".po", ".j2", ".json", ".html")  # code, catalogs, templates
_T = TypeVar("_T")
_UNSET: Any = object()


# Installed packages whose version changes what a check finds (lingua: the language check's models).
RESULT_PACKAGES = ("lingua-language-detector",)


def code_fingerprint() -> str:
    """Changes whenever a file of the installed privacy-site code, catalogs or templates changes, or a package
    that decides results (RESULT_PACKAGES) is upgraded."""
    digest = hashlib.sha256()
    for package in RESULT_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none;".encode())
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in _SUFFIXES):
        info = path.stat()
        digest.update(f"{path.relative_to(_PACKAGE)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


class Stored(Generic[_T]):
    """A value pickled on its own in the cache: unpickled when first used, not when the cache is loaded."""

    __slots__ = ("_blob", "_value")

    def __init__(self, value: _T = _UNSET, blob: bytes | None = None) -> None:
        self._value = value
        self._blob = blob

    def get(self) -> _T:
        """The value (unpickled on first use)."""
        if self._value is _UNSET:
            self._value = pickle.loads(self._blob)  # noqa: S301 - our own cache, outside the repository
        return self._value

    def __reduce__(self) -> tuple[Any, ...]:
        if self._blob is None:
            self._blob = pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)
        return _stored, (self._blob,)


def _stored(blob: bytes) -> Stored[Any]:
    return Stored(blob=blob)


class StoredTuple(Sequence[_T]):
    """A tuple of stored values, each unpickled when first used: its length needs none of them."""

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[Stored[_T]]) -> None:
        self._items = tuple(items)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> _T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[_T, ...]: ...

    def __getitem__(self, index: int | slice) -> _T | tuple[_T, ...]:
        if isinstance(index, slice):
            return tuple(item.get() for item in self._items[index])
        return self._items[index].get()

    def __iter__(self) -> Iterator[_T]:
        return (item.get() for item in self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredTuple | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __add__(self, other: tuple[_T, ...]) -> tuple[_T, ...]:
        return (*self, *other)

    def __repr__(self) -> str:
        return repr(tuple(self))


class CheckCache:
    """Results per key for one policies folder; entries not used in a run are dropped when it is saved."""

    def __init__(self, root: Path, kind: str = "check") -> None:
        base = os.environ.get("PRIVACY_SITE_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "privacy-site")
        folder = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        self.enabled = not os.environ.get("PRIVACY_SITE_NO_CACHE")
        self.path = Path(base) / f"{kind}-{folder}-{code_fingerprint()}.pickle"  # one file per kind of result
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.changed = False
        if self.enabled:
            try:
                with self.path.open("rb") as handle:
                    self.old = pickle.load(handle)  # noqa: S301 - our own cache, outside the repository
                if not isinstance(self.old, dict):
                    self.old = {}
            except Exception:  # noqa: BLE001 - a missing or damaged cache is an empty one
                self.old = {}

    def get(self, key: str) -> Any:
        """The cached result for `key`, or None."""
        found = self.old.get(key) if self.enabled else None
        if found is not None:
            self.new[key] = found
        return found

    def has(self, key: str) -> bool:
        """Whether a result for `key` is cached (without using it)."""
        return self.enabled and key in self.old

    def absorb(self, entries: dict[str, Any]) -> None:
        """The entries another process used and made while checking part of the same folder."""
        if not self.enabled:
            return
        added = {key: value for key, value in entries.items() if key not in self.new}
        self.changed = self.changed or any(key not in self.old for key in added)
        self.new.update(added)

    def put(self, key: str, value: Any) -> None:
        """Remember a result for the next run."""
        if self.enabled:
            self.new[key] = value
            self.changed = True

    def save(self) -> None:
        """Write the results of this run (best effort: a read-only home only makes the next check slower)."""
        if not self.enabled or (not self.changed and self.new.keys() == self.old.keys()):
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
