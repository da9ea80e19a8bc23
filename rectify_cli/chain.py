"""The journal's hash chain: each entry's hash covers its canonical form and the previous hash."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping

GENESIS = "0" * 64
HASH = re.compile(r"[0-9a-f]{64}")  # how a hash is written: match with fullmatch


def canonical(entry: Mapping[str, object]) -> str:
    """Canonical text of an entry: JSON of every field but `hash`, keys sorted, values as text."""
    # (keys as text too: a key written by hand, `1:` or `~:`, is not sortable with the others)
    fields = {str(k): (v if isinstance(v, (bool, int)) else str(v)) for k, v in entry.items() if k != "hash" and v is not None}
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(prev: str, entry: Mapping[str, object]) -> str:
    return hashlib.sha256(f"{prev}\n{canonical(entry)}".encode()).hexdigest()


def chained_from(prevs: Iterable[str], entry: Mapping[str, object], digest: str) -> str | None:
    """The first of `prevs` from which `entry` hashes to `digest` (as entry_hash), else None. The
    canonical form is made once: verify tries every hash of a journal for an entry out of place."""
    tail = f"\n{canonical(entry)}".encode()
    for prev in prevs:
        h = hashlib.sha256(prev.encode())
        h.update(tail)
        if h.hexdigest() == digest:
            return prev
    return None
