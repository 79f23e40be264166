"""Run the process step in forked worker processes; outcomes come back in input order.

The pipelines are built (and their lazy resources loaded) in the main process
before the fork, so each worker starts warm and shares them copy-on-write.
Workers ignore Ctrl-C: the main process decides when to stop, writes what it
has, and shuts them down.  A crashed worker costs a retry of its chunk in the
main process, never the run.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future

from .process import Outcome, RawDocument, process_batch

Item = tuple[str, "RawDocument | Outcome"]  # (source, a document to process or an outcome already decided)


def process_chunk(items: list[Item]) -> list[tuple[str, Outcome]]:
    """Outcomes of a chunk in order; items already decided (skips, unchanged) pass through."""
    outcomes = iter(process_batch([item for _, item in items if isinstance(item, RawDocument)]))
    return [(locator, next(outcomes) if isinstance(item, RawDocument) else item) for locator, item in items]


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Chunks holding at most ``size`` documents to process (decided items ride along)."""
    chunk: list[Item] = []
    documents = 0
    for item in items:
        chunk.append(item)
        documents += isinstance(item[1], RawDocument)
        if documents >= size:
            yield chunk
            chunk, documents = [], 0
    if chunk:
        yield chunk


def in_order(items: Iterable[Item], workers: int = 1, chunk_size: int = 16) -> Iterator[tuple[str, Outcome]]:
    """(source, outcome) for every item, in input order; ``workers`` > 1 forks that many processes.

    The pool is started only when the first chunk with documents to process arrives, so a
    re-ingest of unchanged files never builds a pipeline or forks.
    """
    if workers <= 1:
        for chunk in chunks(items, chunk_size):
            yield from process_chunk(chunk)
        return
    pool = None
    queue: deque[tuple[list[Item], Future | None]] = deque()  # (chunk, its future; None = nothing to process)
    try:
        for chunk in chunks(items, chunk_size):
            if not any(isinstance(item, RawDocument) for _, item in chunk):
                queue.append((chunk, None))
            else:
                pool = pool or _start_pool(workers)
                queue.append((chunk, _submit(pool, chunk)))
            while len(queue) > 2 * workers or (queue and _ready(queue[0][1])):
                yield from _result(*queue.popleft())
        while queue:
            yield from _result(*queue.popleft())
    except BaseException:  # Ctrl-C, or the consumer stopped: stop the workers now, not after their chunks
        if pool is not None:
            _stop(pool)
        raise
    if pool is not None:
        pool.shutdown(wait=True)


def _stop(pool) -> None:
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _ready(future: Future | None) -> bool:
    return future is None or future.done()


def _submit(pool, chunk: list[Item]) -> Future | None:
    try:
        return pool.submit(process_chunk, chunk)
    except RuntimeError:  # the pool broke (a worker was killed): the main process does this chunk
        return None


def _result(chunk: list[Item], future: Future | None) -> list[tuple[str, Outcome]]:
    if future is None:
        return process_chunk(chunk)
    try:
        return future.result()
    except Exception:  # a worker died (out of memory, killed): redo its chunk here
        return process_chunk(chunk)


def _start_pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    warm_up()
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_interrupts)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def warm_up() -> None:
    """Build both pipelines and load what they load lazily (pymorphy3, dateparser, langdetect) before forking."""
    samples = [
        RawDocument("warm-up:en", "text", b"Zhambyl region\nThe region has 148 ventilators and 12 ambulances, the akim said in May 2020."),
        RawDocument("warm-up:ru", "text", "Жамбылская область\nВ области имеется 148 аппаратов ИВЛ и 12 машин скорой помощи, сообщил аким в мае 2020 года.".encode()),
    ]
    process_batch(samples)
