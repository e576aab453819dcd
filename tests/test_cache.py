"""The on-disk cache (gialint/cache.py) trusts no entry: a truncated, damaged,
swapped or foreign entry, or one another version wrote, is ignored and
rebuilt, and the result is the same as without a cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from gialint_testing import REPO, run_main

from gialint import cache

REPORT = REPO / "examples" / "report-2024.txt"


@pytest.fixture()
def cache_dir(monkeypatch, tmp_path) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(d))
    monkeypatch.delenv("GIALINT_NO_CACHE", raising=False)
    return d


def test_round_trip_and_the_key_inside(cache_dir):
    e = cache.entry("rules", "a key")
    cache.store(e, {"x": [1, "二"]}, lambda o: json.dumps(o).encode())
    assert cache.load(e, json.loads) == {"x": [1, "二"]}
    assert b"a key" in e.path.read_bytes()  # the full key is in the entry


def _entry_with(cache_dir, key="k", payload=b"payload" * 10):
    e = cache.entry("rules", key)
    cache.store(e, payload, bytes)
    assert cache.load(e, bytes) == payload
    return e


def test_truncated_entry_is_ignored(cache_dir):
    e = _entry_with(cache_dir)
    data = e.path.read_bytes()
    for cut in (0, 5, len(data) // 2, len(data) - 1):
        e.path.write_bytes(data[:cut])
        assert cache.load(e, bytes) is None


def test_corrupt_entry_is_ignored(cache_dir):
    e = _entry_with(cache_dir)
    data = bytearray(e.path.read_bytes())
    for at in (2, len(data) // 2, len(data) - 1):  # magic, key, payload
        damaged = bytearray(data)
        damaged[at] ^= 0x55
        e.path.write_bytes(bytes(damaged))
        assert cache.load(e, bytes) is None
    e.path.write_bytes(b"garbage")
    assert cache.load(e, bytes) is None


def test_swapped_entries_are_ignored(cache_dir):
    a, b = _entry_with(cache_dir, "a", b"A"), _entry_with(cache_dir, "b", b"B")
    da, db = a.path.read_bytes(), b.path.read_bytes()
    a.path.write_bytes(db)
    b.path.write_bytes(da)
    assert cache.load(a, bytes) is None and cache.load(b, bytes) is None


def test_entry_of_another_version_is_ignored(cache_dir, monkeypatch):
    e = _entry_with(cache_dir)
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    other = cache.entry("rules", "k")
    # even when it lies in the file this version would read
    other.path.parent.mkdir(parents=True, exist_ok=True)
    other.path.write_bytes(e.path.read_bytes())
    assert cache.load(other, bytes) is None


def test_undecodable_payload_is_ignored(cache_dir):
    e = _entry_with(cache_dir, payload=b"{not json")
    assert cache.load(e, json.loads) is None


def _lint_json(capsys):
    res = run_main(capsys, "--format", "json", "--isolated", str(REPORT))
    assert res.code == 0 and not res.err
    return res.out


@pytest.mark.parametrize("damage", ["truncate", "corrupt", "swap", "other-version"])
def test_damaged_grammar_and_rule_entries_are_rebuilt(cache_dir, capsys, damage, monkeypatch):
    from gialint import parse

    parse.parser.cache_clear()
    first = _lint_json(capsys)
    # the grammar and rule files are read afresh by each run; a user pattern's
    # prefilter entry only once per process (kept with its compiled pattern)
    files = sorted(p for p in cache_dir.iterdir() if p.name.startswith(("grammar-", "rules-")))
    assert any(p.name.startswith("grammar-") for p in files)
    assert sum(p.name.startswith("rules-") for p in files) >= 5
    good = {p: p.read_bytes() for p in files}
    if damage == "truncate":
        for p in files:
            p.write_bytes(good[p][: len(good[p]) // 2])
    elif damage == "corrupt":
        for p in files:
            p.write_bytes(good[p][:-10] + bytes(10))
    elif damage == "swap":
        for p, q in zip(files, files[1:] + files[:1], strict=True):
            q.write_bytes(good[p])
    else:  # entries another version wrote: same files, another key inside
        for p in files:
            p.write_bytes(good[p].replace(cache.__version__.encode(), b"9.9.9", 1))
    damaged = {p: p.read_bytes() for p in files}
    parse.parser.cache_clear()
    assert _lint_json(capsys) == first
    # rebuilt and written over; the next run accepts them as they are
    rebuilt = {p: p.read_bytes() for p in files}
    assert all(rebuilt[p] != damaged[p] for p in files), [p.name for p in files if rebuilt[p] == damaged[p]]
    parse.parser.cache_clear()
    assert _lint_json(capsys) == first
    assert {p: p.read_bytes() for p in files} == rebuilt
    parse.parser.cache_clear()


def test_cached_parser_is_the_built_one(cache_dir):
    from gialint import parse

    parse.parser.cache_clear()
    built = parse.parser()  # cold: built and stored
    parse.parser.cache_clear()
    loaded = parse.parser()  # warm: from the entry
    parse.parser.cache_clear()
    assert loaded is not built
    text = (REPO / "examples" / "report-2024.txt").read_text(encoding="utf-8")
    tokens = parse.lex(text)
    a = built.parse_interactive()
    b = loaded.parse_interactive()
    for tok in parse._grouped(tokens):
        for ip in (a, b):
            try:
                ip.feed_token(tok)
            except Exception:  # noqa: BLE001 - both must skip alike
                pass
    assert a.feed_eof() == b.feed_eof()


def test_default_folder_is_the_users_cache_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv("GIALINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("GIALINT_NO_CACHE", raising=False)
    assert cache.cache_dir() == Path(platformdirs.user_cache_dir("gialint", appauthor=False))
    monkeypatch.setenv("GIALINT_NO_CACHE", "1")
    assert cache.cache_dir() is None


# --- a cache that cannot run code ---------------------------------------

def _plant(e, payload: bytes) -> None:
    """Write an entry as an attacker who knows the format would: right key, right checksum."""
    e.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    e.path.write_bytes(cache._pack(e.key, payload))
    e.path.chmod(0o600)


class _Boom:
    def __reduce__(self):
        import os

        return (os.system, ("touch PWNED",))


def test_planted_pickle_entry_runs_nothing(cache_dir, capsys, tmp_path, monkeypatch):
    import pickle

    from gialint import parse

    monkeypatch.chdir(tmp_path)
    parse.parser.cache_clear()
    first = _lint_json(capsys)
    evil = pickle.dumps(_Boom())
    for p in sorted(cache_dir.iterdir()):
        kind = p.name.split("-", 1)[0]
        if kind == "prefilter":
            continue
        key = p.read_bytes()[len(cache._MAGIC) + cache._INT:]
        n = int.from_bytes(p.read_bytes()[len(cache._MAGIC):len(cache._MAGIC) + cache._INT], "big")
        e = cache.Entry(p, key[:n])
        assert kind in ("grammar", "rules")
        _plant(e, evil)
    parse.parser.cache_clear()
    assert _lint_json(capsys) == first
    assert not (tmp_path / "PWNED").exists()
    parse.parser.cache_clear()


def test_marshal_code_objects_are_refused(cache_dir):
    import marshal

    code = compile("open('PWNED', 'w')", "x", "exec")
    for payload in (code, {"data": code}, [1, (2, {"k": code})]):
        e = cache.entry("rules", "k")
        _plant(e, marshal.dumps(payload))
        assert cache.load(e, cache.loads_marshal) is None
    assert cache.load(_entry_with(cache_dir, payload=marshal.dumps({"a": [1, (2.0, b"x", None)]})),
                      cache.loads_marshal) == {"a": [1, (2.0, b"x", None)]}


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX modes")
@pytest.mark.parametrize("mode", [0o777, 0o775, 0o1777])
def test_folder_others_can_write_is_not_used(cache_dir, mode):
    e = _entry_with(cache_dir)
    cache_dir.chmod(mode)
    try:
        assert cache.entry("rules", "k") is None
        assert cache.load(e, bytes) is None  # nor is an entry made before
    finally:
        cache_dir.chmod(0o700)
    assert cache.load(cache.entry("rules", "k"), bytes) == b"payload" * 10


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX modes")
def test_folder_of_another_owner_is_not_used(cache_dir, monkeypatch):
    _entry_with(cache_dir)
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
    assert cache.entry("rules", "k") is None


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX modes")
def test_new_folder_is_private_and_symlinks_are_not_followed(cache_dir, tmp_path, monkeypatch):
    e = _entry_with(cache_dir)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    # an entry file others can write, or a symlink in place of one, is not read
    e.path.chmod(0o666)
    assert cache.load(e, bytes) is None
    e.path.chmod(0o600)
    target = tmp_path / "elsewhere"
    target.write_bytes(e.path.read_bytes())
    e.path.unlink()
    e.path.symlink_to(target)
    assert cache.load(e, bytes) is None
    # nor a symlink in place of the folder
    link = tmp_path / "linked-cache"
    link.symlink_to(cache_dir)
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(link))
    assert cache.entry("rules", "k") is None
