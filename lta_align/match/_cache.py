"""Small bounded caches of the matchers: fitted frameworks, encoded texts.

A program is matched against the same framework again and again (the CLI, a
notebook re-run, the benchmarks), so what a matcher learns from a framework is
kept, keyed by the framework's content (:func:`framework_key`), never by object
identity: a framework read again from the same file finds the same entry, and an
edited one gets a new entry.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from ..model import Framework


class LRU:
    """A least-recently-used mapping holding at most ``size`` entries."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable) -> Any:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.size:
            self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        self._data.clear()


#: fitted matcher state per (method, framework content, parameters)
FIT_CACHE = LRU(4)


def framework_key(framework: Framework) -> str:
    """A digest of everything a matcher reads from ``framework``."""
    comps = framework.competencies
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{framework.framework_id}\x1f{framework.version}\x1e".encode())
    for column in ("competency_id", "set_id", "set_name", "text", "partial"):
        values = comps[column] if column in comps.columns else ()
        h.update(column.encode() + b"\x1e")
        h.update("\x1f".join(map(str, values)).encode("utf-8", "surrogatepass"))
    h.update("\x1f".join(map(str, framework.set_ids)).encode())
    for cid in sorted(framework.match_terms):
        h.update(f"{cid}\x1f{'|'.join(framework.match_terms[cid])}\x1e".encode())
    return h.hexdigest()


#: parsed YAML files (competency profiles, read at every fit) by path, size and
#: modification time
YAML_CACHE = LRU(8)


def read_yaml(path: Any) -> Any:
    """``yaml.safe_load`` of the UTF-8 file ``path``; the result is shared: read only.

    Files on disk are parsed once per (path, size, modification time); other
    resources (a zipped package) are parsed at every call.
    """
    import yaml

    key = None
    if isinstance(path, os.PathLike):
        st = os.stat(path)
        key = (os.fspath(path), st.st_size, st.st_mtime_ns)
        cached = YAML_CACHE.get(key)
        if cached is not None:
            return cached[0]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if key is not None:
        YAML_CACHE.put(key, (data,))
    return data
