"""fanout.run: chunks done in forked children at once, with every failure redone here."""
from __future__ import annotations

import os

import pytest

from rectify_cli import fanout

HERE = os.getpid()


def _encode(result) -> bytes:
    return repr(result).encode()


def _decode(data: bytes):
    return eval(data.decode())  # noqa: S307 - tuples of ints made by _encode above


def _no_children_left():
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_each_chunk_is_done_once_in_its_own_process_and_results_keep_chunk_order():
    results = fanout.run(lambda chunk: (sum(chunk), os.getpid()), [[1, 2], [3], [4, 5, 6]],
                         encode=_encode, decode=_decode)
    assert [total for total, _ in results] == [3, 3, 15]
    pids = [pid for _, pid in results]
    assert pids[0] == HERE and len(set(pids)) == 3
    _no_children_left()


def test_a_chunk_whose_child_fails_is_done_again_here():
    def work(chunk):
        if os.getpid() != HERE and chunk == "b":
            raise RuntimeError("only in the child")
        return chunk.upper(), os.getpid()

    results = fanout.run(work, ["a", "b", "c"], encode=_encode, decode=_decode)
    assert [text for text, _ in results] == ["A", "B", "C"]
    assert results[1][1] == HERE and results[2][1] != HERE
    _no_children_left()


def test_an_error_here_is_raised_and_leaves_no_child_behind():
    def work(chunk):
        if chunk == "bad":
            raise ValueError(chunk)
        return chunk

    with pytest.raises(ValueError, match="bad"):
        fanout.run(work, ["bad", "fine", "fine"], encode=_encode, decode=_decode)
    _no_children_left()


def test_without_fork_every_chunk_is_done_here(monkeypatch):
    monkeypatch.setattr(fanout, "can_fork", lambda: False)
    results = fanout.run(lambda chunk: os.getpid(), [1, 2, 3], encode=_encode, decode=_decode)
    assert results == [HERE, HERE, HERE]
    assert fanout.workers() == 1
