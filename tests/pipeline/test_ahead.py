"""Parsing ahead of storing: the items in order, a failure where it happened, the thread stopped."""

import threading

import pytest

from quotes.ahead import read_ahead


def test_items_come_in_order_and_are_produced_in_another_thread():
    producers = []

    def items():
        for number in range(50):
            producers.append(threading.current_thread())
            yield number

    assert list(read_ahead(items(), size=4)) == list(range(50))
    assert threading.current_thread() not in producers


def test_a_failure_is_raised_after_the_items_before_it():
    def items():
        yield 1
        yield 2
        raise ValueError("text 3 broke the batch")

    got = []
    with pytest.raises(ValueError, match="text 3 broke the batch"):
        for item in read_ahead(items(), size=8):
            got.append(item)
    assert got == [1, 2]


def test_closing_early_stops_the_producer():
    produced = []

    def items():
        for number in range(10_000):
            produced.append(number)
            yield number

    ahead = read_ahead(items(), size=2)
    assert next(ahead) == 0
    ahead.close()
    assert not [t for t in threading.enumerate() if t.name == "read-ahead"]
    assert len(produced) < 10  # it stopped within the few items it may run ahead
