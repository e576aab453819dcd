"""Linting on a Dask cluster (gialint/cluster.py): a LocalCluster of worker
processes gives the same results, in the same order, as one local process —
also when a worker dies in the middle of the run."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from gialint_testing import RULE_FIXTURES, run_main

from gialint.api import Linter

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """A folder of a few hundred reports of every text layout (the rule fixtures)."""
    root = tmp_path_factory.mktemp("reports")
    files = sorted(p for p in RULE_FIXTURES.glob("*/*") if p.suffix in (".txt", ".md", ".html"))
    for i, f in enumerate(files[:240]):
        shutil.copy(f, root / f"{i:03d}_{f.parent.name}_{f.name}")
    return root


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _dicts(reports):
    return [r.to_dict() for r in reports]


def test_same_results_as_one_process(reports, client):
    linter = Linter(isolated=True)
    local = linter.lint_paths([reports], jobs=1)
    remote = linter.lint_paths([reports], client=client)
    assert len(local) == 240
    assert _dicts(remote) == _dicts(local)


def test_a_worker_that_dies_loses_nothing(reports, client):
    linter = Linter(isolated=True)
    local = linter.lint_paths([reports], jobs=1)
    victim = sorted(client.scheduler_info()["workers"])[0]

    def kill():
        try:
            client.run(os._exit, 1, workers=[victim])
        except Exception:  # the worker is gone before it answers
            pass

    timer = threading.Timer(0.5, kill)
    timer.start()
    try:
        remote = linter.lint_paths([reports], client=client)
    finally:
        timer.join()
    assert _dicts(remote) == _dicts(local)  # nothing lost, nothing twice, same order
    client.wait_for_workers(2, timeout=60)  # the nanny started it again
    assert victim not in client.scheduler_info()["workers"]  # it did die (a new address now)


def test_fsspec_urls(reports, client):
    """Paths as fsspec URLs (here the local file system's): read by the workers."""
    some = sorted(reports.iterdir())[:20]
    linter = Linter(isolated=True)
    local = linter.lint_paths(some, jobs=1)
    remote = linter.lint_paths([f"file://{reports}/0[01]*"], client=client)
    def seen(reports):  # cross-year findings name the other file by its path or its URL
        return [[f for f in r.findings if not f.rule.startswith("GIA75")] for r in reports]

    assert seen(remote) == seen(local)
    assert all(r.path.startswith("file://") for r in remote)


def test_command_line(reports, client, capsys):
    address = client.scheduler.address
    got = run_main(capsys, "--isolated", "--format", "json", "--dask", address, str(reports))
    want = run_main(capsys, "--isolated", "--format", "json", str(reports))
    assert got.out == want.out and got.code == want.code


def test_no_scheduler_is_a_clear_error(capsys):
    r = run_main(capsys, "--isolated", "--dask", "tcp://127.0.0.1:9", str(RULE_FIXTURES / "GIA101"))
    assert r.code == 2 and "--dask" in r.err
