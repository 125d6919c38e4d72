"""One thread owns the reasoner.

The SWI-Prolog engine is process state (asserted case facts, open queries), so every
call that touches it runs on this single thread, one after another; requests wait
their turn instead of interleaving case facts.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def _attach() -> None:
    # pyswip's Query does not attach a Prolog engine to a new thread by itself.
    from pyswip import Prolog

    Prolog._init_prolog_thread()


class Worker:
    """A single-thread executor for reasoner calls."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="medaid-reasoner", initializer=_attach
        )
        self._lock = threading.Lock()

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        with self._lock:
            return self._pool.submit(fn, *args, **kwargs)

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await asyncio.wrap_future(self.submit(fn, *args, **kwargs))

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run on the reasoner thread and wait (for code outside the event loop)."""
        return self.submit(fn, *args, **kwargs).result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
