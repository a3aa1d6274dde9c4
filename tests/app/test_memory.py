"""The reader collects cyclic garbage when idle, not in the middle of a frame."""

from __future__ import annotations

import gc
import weakref

from tui.app.memory import IDLE_AFTER_S, LONGEST_WAIT_S, MIN_PENDING, IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_collects_only_after_a_quiet_moment() -> None:
    clock = Clock()
    collector = IdleCollector(clock)
    collector.activity()
    clock.now += IDLE_AFTER_S / 2
    assert not collector.due(MIN_PENDING * 10)
    clock.now += IDLE_AFTER_S
    assert collector.due(MIN_PENDING * 10)
    assert not collector.due(MIN_PENDING - 1)  # nothing worth collecting


def test_collects_during_long_uninterrupted_use() -> None:
    clock = Clock()
    collector = IdleCollector(clock)
    steps = int(LONGEST_WAIT_S / 0.1) - 1
    for _ in range(steps):  # a key every 0.1 s
        clock.now += 0.1
        collector.activity()
        assert not collector.due(MIN_PENDING * 10)
    clock.now += 0.2
    collector.activity()
    assert collector.due(MIN_PENDING * 10)


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_takes_collection_over_and_gives_it_back() -> None:
    assert gc.isenabled()
    clock = Clock()
    collector = IdleCollector(clock)
    collector.start()
    try:
        assert not gc.isenabled()
        node = Node()
        alive = weakref.ref(node)
        del node
        _ = [[] for _ in range(MIN_PENDING * 2)]  # allocations pending collection
        assert alive() is not None  # automatic collection is off
        clock.now += IDLE_AFTER_S + 0.1
        assert collector.collect_if_due()
        assert alive() is None
        assert collector.last_collection == clock.now
    finally:
        collector.stop()
    assert gc.isenabled()
