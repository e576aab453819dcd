"""The worker processes of a run: how many, the forked pool that lints the
work items in input order, and what Ctrl-C and SIGTERM do to it (one line,
no worker traceback; a file --fix is rewriting is replaced and counted first).

The job is a :class:`gialint.runner.Runner` (called with one work item); it is
inherited by the forked workers, never pickled.
"""

from __future__ import annotations

import os


def jobs_for(requested: int | None, files: int) -> int:
    """Worker processes to use: ``requested``, else one per CPU; never more than files."""
    if requested is None or requested <= 0:
        try:
            requested = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            requested = os.cpu_count() or 1
    return max(1, min(requested, files))


_JOB = None  # the runner (gialint.runner.Runner) the forked workers run (inherited, never pickled)


def _run_in_worker(item):
    return _JOB(item)


class Interrupted(KeyboardInterrupt):
    """The run was interrupted: ``done`` of ``total`` files linted, ``changed``
    files rewritten by --fix (None: not fixing)."""

    def __init__(self, done: int, total: int, changed: int | None):
        super().__init__(done, total, changed)
        self.done, self.total, self.changed = done, total, changed


def _worker_start() -> None:
    """A worker leaves Ctrl-C to the main process (which stops the pool: no
    worker traceback), and ends on SIGTERM once the file it may be rewriting
    for --fix is replaced and counted (gialint.fix holds the signal meanwhile)."""
    import signal

    from gialint import fix

    fix.in_worker()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_term)


def _exit_on_term(signum, frame):
    raise SystemExit(128 + signum)


def in_workers(work: list, job, jobs: int):
    """Results in input order.  With several jobs, worker processes are forked
    after the rule sets are loaded, so rules and grammar load once, not per
    file or per worker."""
    if jobs <= 1:  # one process: multiprocessing is not even imported (~4 ms)
        yield from map(job, work)
        return
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        # without fork (Windows) the loaded rule sets cannot be shared: one process
        yield from map(job, work)
        return
    global _JOB
    _JOB = job
    from gialint.parse import parser

    parser()  # build (or load) the grammar before forking
    chunk = max(1, min(16, len(work) // (jobs * 4)))
    from gialint import fix

    counter = multiprocessing.get_context("fork").Value("i", 0)
    fix.count_shared(counter)  # the files the workers rewrite (--fix), for an interrupted run
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_start)
    try:
        yield from pool.imap(_run_in_worker, work, chunksize=chunk)
    except BaseException:  # Ctrl-C, a closed generator: stop the workers now
        pool.terminate()  # SIGTERM: each ends after the file it is rewriting, if any
        pool.join()
        raise
    else:
        pool.close()
        pool.join()
    finally:
        fix.count_shared(None)
