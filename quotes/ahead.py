"""Run an iterator ahead of its consumer in a thread: the next items are produced while the consumer
works on this one.

The pipeline parses articles (spaCy and the extraction rules, pure CPU) and stores them (the database,
where the process mostly waits for the server's answer). Parsing the next articles in a thread while the
main thread stores this one lets the parse use the time the store waits; the database stays on the
caller's thread and connection (its transactions, and a test's, are untouched).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")

_DONE = object()


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def read_ahead(items: Iterator[T], *, size: int) -> Iterator[T]:
    """The items of ``items`` in order, up to ``size`` of them produced ahead in a thread. An exception
    raised by ``items`` is raised here, after the items before it; closing this generator stops the
    thread at its next item."""
    ready: queue.Queue = queue.Queue(maxsize=size)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as error:  # handed to the consumer, which raises it
            put(_Failure(error))
            return
        put(_DONE)

    thread = threading.Thread(target=produce, name="read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item = ready.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item
    finally:
        stop.set()
        thread.join()
