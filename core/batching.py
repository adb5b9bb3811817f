"""Working through many rows a slice at a time (an IN list of thousands of ids is refused by SQLite)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """`items` in slices of at most `size`, in order."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` (any iterable, read lazily: a generator over a file stays a stream) in lists of at most `size`."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
