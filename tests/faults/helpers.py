"""What the fault tests share."""

from __future__ import annotations

import threading

from django.db import connections

# Only keeps a broken test from hanging for ever when a request does block: it measures nothing. A request
# bounded by the settings' socket timeouts (about 2 s a try, one retry) finishes long before it.
HANG_DETECTOR_SECONDS = 60


def finishes(action, *args, **kwargs):
    """Run `action` in a thread and return its result, failing if it is still blocked after the hang detector's
    limit (the service it waits on stays frozen for ever)."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = action(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 (re-raised in the test's thread)
            outcome["error"] = error
        finally:
            connections.close_all()  # this thread's own database connection

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_DETECTOR_SECONDS)
    assert not thread.is_alive(), f"{action} is still waiting on a frozen service"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
