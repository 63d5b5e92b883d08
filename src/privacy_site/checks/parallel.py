"""Checking on every core: forked copies of the process check part of the organisations while it checks the rest.

A fork inherits everything already read (nothing is sent to it); it sends back its results, pickled, with what
it collected (the cache entries it made). Results are put together in the order of the items, so the outcome
(problems and their order included) is the same as one process checking them all. Used only where it pays:
several cores, a single thread (forking a threaded process is unsafe) and enough work.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")
MIN_ITEMS = 16  # fewer organisations than this are checked faster than a fork starts
_OWN_SHARE = 0.9  # this process does a little less than its share: the forks also pickle what they found


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worth_forking(items: int) -> bool:
    """Whether checking `items` organisations in forked processes pays."""
    return (items >= MIN_ITEMS and cores() > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def map_forked(func: Callable[[_T], _R], items: Sequence[_T], collect: Callable[[], dict[str, Any]]
               ) -> tuple[list[_R], dict[str, Any]] | None:
    """[func(item) for item in items], most of it computed in forks, and what `collect()` gives in each process
    afterwards, merged. None when a fork failed: the caller then does it all itself."""
    parts = min(cores(), len(items))
    if parts < 2:
        return None
    own = round(len(items) * _OWN_SHARE / parts)
    bounds = [own + round((len(items) - own) * i / (parts - 1)) for i in range(parts)]
    context = multiprocessing.get_context("fork")
    children: list[tuple[Any, Connection]] = []
    try:
        for start, end in zip(bounds, bounds[1:], strict=False):
            reader, writer = context.Pipe(duplex=False)
            child = context.Process(target=_run, args=(func, items[start:end], collect, writer), daemon=True)
            child.start()
            writer.close()
            children.append((child, reader))
        results = [func(item) for item in items[:own]]
        collected = collect()
        for child, reader in children:
            status, payload = reader.recv()
            child.join()
            if status != "ok":
                return None
            results.extend(payload[0])
            collected.update(payload[1])
    except (OSError, EOFError):
        return None
    finally:
        for child, reader in children:
            reader.close()
            if child.is_alive():
                child.kill()
                child.join()
    return results, collected


def _run(func: Callable[[_T], _R], items: Sequence[_T], collect: Callable[[], dict[str, Any]],
         writer: Connection) -> None:
    """In a fork: compute, send back, and leave at once (the parent's state is the parent's to clean up)."""
    try:
        results = [func(item) for item in items]
        writer.send(("ok", (results, collect())))
    except BaseException as exc:  # noqa: BLE001 - the parent then checks it all itself
        writer.send(("failed", repr(exc)))
    finally:
        writer.close()
        os._exit(0)
