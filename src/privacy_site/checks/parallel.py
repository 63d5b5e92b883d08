"""Checking on every core: forked copies of the process check organisations while it checks others.

A fork inherits everything already read (nothing is sent to it); every process takes the next organisation no
one took yet; a fork sends back its results, pickled, with what it collected (the cache entries it made).
Results are put back in the order of the items, so the outcome (problems and their order included) is the
same as one process checking them all. Used only where it pays: several cores, a single thread (forking a
threaded process is unsafe) and enough work.
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
    """[func(item) for item in items], computed by this process and forks of it, and what `collect()` gives in
    each process afterwards, merged. Each process takes the next item not taken yet, so a slower core does less.
    None when a fork failed: the caller then does it all itself."""
    parts = min(cores(), len(items))
    if parts < 2:
        return None
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)  # the next item to take, shared by every process
    children: list[tuple[Any, Connection]] = []
    try:
        for _ in range(parts - 1):
            reader, writer = context.Pipe(duplex=False)
            child = context.Process(target=_run, args=(func, items, taken, collect, writer), daemon=True)
            child.start()
            writer.close()
            children.append((child, reader))
        results = _work(func, items, taken)
        collected = collect()
        for child, reader in children:
            status, payload = reader.recv()
            child.join()
            if status != "ok":
                return None
            results.update(payload[0])
            collected.update(payload[1])
    except (OSError, EOFError):
        return None
    finally:
        for child, reader in children:
            reader.close()
            if child.is_alive():
                child.kill()
                child.join()
    return [results[index] for index in range(len(items))], collected


def _work(func: Callable[[_T], _R], items: Sequence[_T], taken: Any) -> dict[int, _R]:
    """The results of the items this process took, by index."""
    done: dict[int, _R] = {}
    while True:
        with taken.get_lock():
            index = taken.value
            if index >= len(items):
                return done
            taken.value = index + 1
        done[index] = func(items[index])


def _run(func: Callable[[_T], _R], items: Sequence[_T], taken: Any, collect: Callable[[], dict[str, Any]],
         writer: Connection) -> None:
    """In a fork: compute, send back, and leave at once (the parent's state is the parent's to clean up)."""
    try:
        results = _work(func, items, taken)
        writer.send(("ok", (results, collect())))
    except BaseException as exc:  # noqa: BLE001 - the parent then checks it all itself
        writer.send(("failed", repr(exc)))
    finally:
        writer.close()
        os._exit(0)
