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


def _shots(request, *more: str):
    folder = SHOTS.joinpath(slug(request.node.name), *map(slug, more))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


def _failed(request) -> bool:
    return getattr(request.node, "e2e_call_failed", False)


@pytest.fixture
def journey(page, live_server, request):
    """The test's first person, in pytest-playwright's page."""
    walk = Journey(page, live_server.url, _shots(request))
    yield walk
    if not _failed(request):  # after a failure, one message is enough to read
        walk.finish()


@pytest.fixture
def another_journey(browser, browser_context_args, live_server, request):
    """More people in the same test (a student, a partner): `another_journey("student")` gives each a
    browser of their own, with screenshots in a folder of their own."""
    made = []

    def start(who: str) -> Journey:
        context = browser.new_context(**browser_context_args)
        walk = Journey(context.new_page(), live_server.url, _shots(request, who))
        made.append((context, walk))
        return walk

    yield start
    for context, _walk in made:
        context.close()
    if not _failed(request):
        for _context, walk in made:
            walk.finish()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.e2e_call_failed = True
    return report
