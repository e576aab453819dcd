"""Linting on a Dask cluster (``distributed``; the optional extra ``gialint-cn[dask]``).

The cluster runs the same per-file work as a local run: each worker process
builds a :class:`~gialint.runner.Runner` from the run's settings once (rules
and grammar load once per worker, not per file) and lints batches of work
items; the results come back in input order, and everything after that —
the baseline, the outputs, the comparisons between reports — happens here, as
in a local run.  Files are read by the workers, so they must see the same
paths (a shared file system), or be given as fsspec URLs (``s3://…``,
``http://…``), which the workers open themselves.

A worker that dies mid-run loses nothing: the scheduler runs its batches
again elsewhere (``retries`` also covers a batch that raised), and a batch's
results are its own — nothing is written until all are gathered.
"""

from __future__ import annotations

import os
from pathlib import Path

# files a batch holds: big enough that a task's overhead (~1 ms) is small next
# to the linting (~10-100 ms a report), small enough to spread over workers
BATCH = 8
RETRIES = 3

_RUNNERS: dict = {}  # per worker process: the runner of each run's settings


def client_for(address: str, workers: int | None = None):
    """A client of the scheduler at ``address``, or of a new local cluster of
    ``workers`` processes for ``local`` (``None``: one per CPU)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ImportError("--dask needs the distributed package: "
                          "pip install 'gialint-cn[dask]'") from None
    if address == "local":
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        return Client(cluster)
    return Client(address)


def expand_urls(paths) -> list:
    """Work items of fsspec URLs (a glob matches files, in order), read where
    they are linted (on a cluster: by the workers)."""
    import fsspec

    items = []
    for raw in paths:
        fs, _, found = fsspec.get_fs_token_paths(raw)
        for p in sorted(found):
            items.append(("url", Path(p), fs.unstrip_protocol(p)))
    return items


def run(runner, work: list, client) -> list:
    """``runner(item)`` for every work item, on the cluster of ``client``, in order
    (each worker builds a runner of the same class and settings)."""
    spec = runner.spec()
    batches = [work[i:i + BATCH] for i in range(0, len(work), BATCH)]
    futures = client.map(_lint_batch, batches, cls=type(runner), spec=spec, retries=RETRIES,
                         pure=False)
    out = []
    for part in client.gather(futures):
        out.extend(part)
    return out


def _lint_batch(items: list, cls, spec: dict) -> list:
    """On a worker: the results of a batch, with the runner of ``spec``."""
    key = repr(sorted(spec.items()))
    runner = _RUNNERS.get(key)
    if runner is None:
        runner = _RUNNERS[key] = cls(**spec)
    return [runner(item) for item in items]
