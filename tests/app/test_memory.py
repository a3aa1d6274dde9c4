"""The reader collects cyclic garbage when idle, not in the middle of a frame."""

from __future__ import annotations

import gc
import threading

import pytest

from tui.app.memory import (
    IDLE_AFTER_S,
    LONGEST_WAIT_S,
    MIN_PENDING,
    NO_AUTOMATIC_FULL,
    IdleCollector,
    pause_during_startup,
    resume_after_startup,
)


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


def test_takes_full_collections_over_and_gives_them_back() -> None:
    before = gc.get_threshold()
    clock = Clock()
    collector = IdleCollector(clock)
    collector.start()
    try:
        # Young collections go on; allocations never start a full one.
        assert gc.get_threshold() == (before[0], before[1], NO_AUTOMATIC_FULL)
        for _ in range(MIN_PENDING + 1):
            gc.collect(1)  # each young (generation 1) collection counts towards a full one
        assert gc.get_count()[2] >= MIN_PENDING
        assert not collector.collect_if_due()  # right after start: not idle yet
        clock.now += IDLE_AFTER_S + 0.1
        assert collector.collect_if_due()
        assert gc.get_count()[2] == 0  # a full collection ran
        assert collector.last_collection == clock.now
        assert not collector.collect_if_due()  # nothing pending any more
    finally:
        collector.stop()
    assert gc.get_threshold() == before


async def test_collections_pause_during_start_up_until_the_list_is_painted() -> None:
    from tests.app.conftest import run_reader

    pause_during_startup()  # what `akhbar` does before it imports Textual
    try:
        assert not gc.isenabled()
        async with run_reader() as (app, _):
            assert gc.isenabled()  # back once the list was painted
            assert app.is_running
    finally:
        resume_after_startup()


async def test_collections_come_back_even_if_no_list_is_painted(
    monkeypatch: pytest.MonkeyPatch, held_load: threading.Event
) -> None:
    from tests.app.conftest import main_screen, reader_app
    from tui.app import screens

    monkeypatch.setattr(screens.main, "STARTUP_PAUSE_LIMIT_S", 0.2)
    pause_during_startup()
    try:
        app = reader_app()
        async with app.run_test() as pilot:
            await pilot.pause(0.5)
            assert main_screen(app).model.listed is False  # still loading
            assert gc.isenabled()
            held_load.set()
    finally:
        resume_after_startup()
