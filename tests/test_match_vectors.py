"""The embedding vectors' disk cache: a new process embeds nothing it has seen."""

from __future__ import annotations

import numpy as np
import pytest

from lta_align.match import _vectors
from lta_align.match._vectors import VectorFile, cache_dir, text_key


def vectors(n: int, dim: int = 4) -> np.ndarray:
    return np.arange(n * dim, dtype=np.float32).reshape(n, dim) / 7


def test_vectors_survive_a_new_process_and_the_file_holds_no_text(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("LTA_ALIGN_CACHE_DIR", str(tmp_path))
    texts = ["Catalog books with MARC 21.", "Explain the Library Bill of Rights."]
    keys = [text_key("m", t) for t in texts]
    VectorFile("m", 4).add(keys, vectors(2))
    later = VectorFile("m", 4)  # as a new process reads it
    got = later.get(keys + [text_key("m", "never seen")])
    assert set(got) == set(keys)
    np.testing.assert_array_equal(got[keys[1]], vectors(2)[1])
    (written,) = tmp_path.iterdir()
    assert (
        b"MARC" not in written.read_bytes() and b"Library" not in written.read_bytes()
    )
    assert [p.name for p in tmp_path.iterdir()] == ["vectors-m.npz"]  # no leftovers
    assert written.stat().st_mode & 0o077 == 0  # the user's own


def test_a_damaged_file_is_ignored_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("LTA_ALIGN_CACHE_DIR", str(tmp_path))
    (tmp_path / "vectors-m.npz").write_bytes(b"not a numpy file")
    store = VectorFile("m", 4)
    key = text_key("m", "a")
    assert store.get([key]) == {}
    store.add([key], vectors(1))
    assert set(VectorFile("m", 4).get([key])) == {key}


def test_the_cache_can_be_turned_off_and_is_capped(tmp_path, monkeypatch):
    monkeypatch.setenv("LTA_ALIGN_CACHE_DIR", "off")
    assert cache_dir() is None
    VectorFile("m", 4).add([text_key("m", "a")], vectors(1))
    monkeypatch.setenv("LTA_ALIGN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(_vectors, "DISK_LIMIT", 3)
    store = VectorFile("m", 4)
    keys = [text_key("m", str(i)) for i in range(5)]
    for i, key in enumerate(keys):
        store.add([key], vectors(5)[[i]])
    kept = VectorFile("m", 4).get(keys)
    assert set(kept) == set(keys[-3:])  # the newest


def test_an_unwritable_folder_changes_nothing_but_the_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("LTA_ALIGN_CACHE_DIR", str(blocker / "sub"))
    store = VectorFile("m", 4)
    store.add([text_key("m", "a")], vectors(1))  # no error escapes
    assert store.get([text_key("m", "a")]) == {}


def test_a_new_process_embeds_nothing_it_has_seen(tmp_path, monkeypatch):
    pytest.importorskip("onnxruntime", reason="the optional [embed] extra")
    from lta_align.match import embed

    monkeypatch.setenv("LTA_ALIGN_CACHE_DIR", str(tmp_path))
    texts = ["Assign Dewey numbers to new titles.", "Weed the collection."]
    first = embed._embed_texts(texts)
    monkeypatch.setattr(embed, "_CACHE", {})  # a new process: nothing in memory
    monkeypatch.setattr(embed, "_DISK", VectorFile(embed.MODEL_NAME, 384))
    calls = []
    monkeypatch.setattr(embed, "_encode", lambda t: calls.append(t) or 1 / 0)
    again = embed._embed_texts(texts)
    assert calls == []
    np.testing.assert_array_equal(first, again)
