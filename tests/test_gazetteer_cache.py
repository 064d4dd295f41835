"""The gazetteer index cache: a settable directory, built once per machine under a lock, atomically written."""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from pathlib import Path

import pytest

from lagebild.lang import load_language
from lagebild.places import gazetteer as gz
from lagebild.places.gazetteer import Gazetteer, Place


def _tiny() -> Gazetteer:
    return Gazetteer([Place("Idlib", 35.93, 36.63, "SYR", "Idlib", "city", 1, 1, False)], {"idlib": [0]}, {}, {}, {})


def _slow_build(counter: Path):
    def build(cls, lang):
        with counter.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        time.sleep(0.5)  # long enough that the other processes arrive while this one builds
        return _tiny()

    return classmethod(build)


def _load_in_child(cache: str, out: str) -> None:
    gaz = Gazetteer.load(load_language("de"), Path(cache))
    Path(out).write_text(gaz.places[0].name, encoding="utf-8")


def test_cache_dir_is_settable(monkeypatch, tmp_path):
    monkeypatch.delenv(gz.CACHE_ENV, raising=False)
    default = gz.index_cache_dir()
    monkeypatch.setenv(gz.CACHE_ENV, str(tmp_path / "env"))
    assert gz.index_cache_dir() == tmp_path / "env"
    gz.set_cache_dir(tmp_path / "set")
    try:
        assert gz.index_cache_dir() == tmp_path / "set"
        assert Gazetteer.cache_path(load_language("de")).parent == tmp_path / "set"
    finally:
        gz.set_cache_dir(None)
    monkeypatch.delenv(gz.CACHE_ENV)
    assert gz.index_cache_dir() == default


def test_processes_starting_together_build_the_index_once(monkeypatch, tmp_path):
    counter = tmp_path / "builds.txt"
    monkeypatch.setattr(Gazetteer, "build", _slow_build(counter))
    cache = tmp_path / "cache"
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_load_in_child, args=(str(cache), str(tmp_path / f"out{i}"))) for i in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    assert len(counter.read_text().splitlines()) == 1  # one built, two waited on the lock and read it
    assert all((tmp_path / f"out{i}").read_text() == "Idlib" for i in range(3))
    assert [p.name for p in cache.glob("*.pickle")] == [Gazetteer.cache_path(load_language("de"), cache).name]
    assert not list(cache.glob("*.tmp"))  # the temporary file was renamed into place


def test_an_unwritable_cache_costs_only_the_caching(monkeypatch, tmp_path):
    monkeypatch.setattr(Gazetteer, "build", classmethod(lambda cls, lang: _tiny()))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    gaz = Gazetteer.load(load_language("de"), blocker / "cache")
    assert gaz.places[0].name == "Idlib"
    with pytest.raises(OSError, match="could not write the gazetteer index"):
        Gazetteer.ensure_cached(load_language("de"), blocker / "cache")


def test_other_versions_are_removed_only_when_stale(monkeypatch, tmp_path):
    monkeypatch.setattr(Gazetteer, "build", classmethod(lambda cls, lang: _tiny()))
    stale, recent = tmp_path / "gazetteer-de-0000000000000000.pickle", tmp_path / "gazetteer-de-1111111111111111.pickle"
    for f in (stale, recent):
        f.write_bytes(b"another version's index")
    old = time.time() - 2 * gz.STALE_SECONDS
    os.utime(stale, (old, old))
    path = Gazetteer.ensure_cached(load_language("de"), tmp_path)
    assert path.exists() and recent.exists() and not stale.exists()
    assert Gazetteer.load(load_language("de"), tmp_path).places[0].name == "Idlib"  # read back, not rebuilt
