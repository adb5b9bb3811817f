"""Browser tests: Debian's Chromium driven by pytest-playwright against pytest-django's live_server.

live_server is one server per xdist worker, on a free port, and makes each test that uses it transactional
(its rows are committed, so the server sees them, and flushed afterwards): the browser tests run under
`-n 2` like the rest of the suite. A journey goes through the `journey` fixture
(tests/e2e/browser.py): every page it reaches is checked with axe-core and photographed.
"""

from __future__ import annotations

import os

import pytest

from tests.e2e.browser import CHROMIUM, DESKTOP, SHOTS, Journey, slug

# Playwright's sync API keeps an event loop running in the test thread; Django would otherwise refuse
# every database call made from that thread afterwards (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: `make test` installs Debian's (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM)}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP, "locale": "en-GB"}


@pytest.fixture
def journey(page, live_server, request):
    shots = SHOTS / slug(request.node.name)
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob("*.png"):
        old.unlink()
    walk = Journey(page, live_server.url, shots)
    yield walk
    if not getattr(request.node, "e2e_call_failed", False):  # one failure is enough to read
        walk.finish()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.e2e_call_failed = True
    return report
