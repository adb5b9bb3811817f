"""Rules that apps above add to partnership writes, without this app importing them.

A guard takes the record about to change (as keywords) and returns a context manager. The service
enters every guard registered for its event inside its own transaction, around the write, so a guard
sees the data before and after and refuses by raising ValidationError, which undoes the write.
`students` keeps its readiness gate this way (students/apps.py): a partnership cannot be paused while
its placements are active, nor a mentor of an active placement deactivated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager

PARTNERSHIP_STATUS = "partnership_status"  # guard(partnership=..., to_status=...)
CONTACT_DEACTIVATE = "contact_deactivate"  # guard(contact=...)

Guard = Callable[..., AbstractContextManager]
_guards: dict[str, list[Guard]] = {PARTNERSHIP_STATUS: [], CONTACT_DEACTIVATE: []}


def register(event: str, guard: Guard) -> Guard:
    """Add a guard to an event (idempotent)."""
    if guard not in _guards[event]:
        _guards[event].append(guard)
    return guard


@contextmanager
def guarded(event: str, **record) -> Iterator[None]:
    """Run the block inside every guard registered for `event`."""
    with ExitStack() as stack:
        for guard in _guards[event]:
            stack.enter_context(guard(**record))
        yield
