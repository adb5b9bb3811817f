"""What every browser test shares: axe-core on a page, and `Journey`, a user's way through the site.

axe-core is the copy bundled by the pinned axe-playwright-python (requirements-dev.txt): axe-core 4.12.1,
MPL-2.0, read from the installed package, so nothing is fetched at run time. Only its file is used.
"""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.factories import PASSWORD

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(__file__).resolve().parents[2] / "var" / "e2e-shots"
AXE_SOURCE = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
FAILING_IMPACTS = ("serious", "critical")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; return its serious and critical violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]


def describe_violations(where: str, violations: list[dict]) -> str:
    """Violations as a reader wants them: the rule, what it asks, and the elements that break it."""
    lines = [f"axe-core found {len(violations)} serious or critical problem(s) on {where}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:5]:
            target = " ".join(t if isinstance(t, str) else json.dumps(t) for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more element(s)")
    return "\n".join(lines)


def sideways_overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when nothing needs scrolling sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def sign_in(page, base_url: str, user, password: str = PASSWORD) -> None:
    """Sign in through the login page, as a person would."""
    page.goto(base_url + reverse("login"))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert reverse("login") not in page.url, f"{user.email} could not sign in"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:150]


class Journey:
    """A user's way through the site. Every page it lands on goes through `check`: no server or script
    error, nothing the Content-Security-Policy blocked, no serious or critical axe-core violation, and a
    screenshot in var/e2e-shots/<test>/.

    The journey counts the documents the browser loads; `finish` fails the test if one was never checked,
    so a step cannot slip past the accessibility check.
    """

    def __init__(self, page, base_url: str, shots: Path):
        self.page = page
        self.base_url = base_url
        self.shots = shots
        self.step = 0
        self.loads: list[str] = []  # the URL of every document the main frame loaded, in order
        self.checked = 0  # how many of those have been checked
        self.unchecked: list[str] = []
        self.script_errors: list[str] = []
        self.statuses: dict[str, int] = {}
        page.on("load", self._loaded)
        page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        self.csp_violations: list[str] = []  # Chromium says "Refused to … violates the … Content Security Policy"
        page.on("console", self._console)
        page.on("response", self._response)

    def _loaded(self, page) -> None:
        if len(self.loads) > self.checked:
            self.unchecked.append(self.loads[-1])
        self.loads.append(page.url)

    def _console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def _response(self, response) -> None:
        if response.request.resource_type == "document" and response.frame == self.page.main_frame:
            self.statuses[response.url] = response.status

    # Moving around ------------------------------------------------------------------------------

    def visit(self, address: str, step: str) -> None:
        """Open a page by its address, a path or a whole URL (a link handed over, a bookmark)."""
        self.page.goto(address if address.startswith("http") else self.base_url + address)
        self.check(step)

    def visit_refused(self, address: str, step: str) -> None:
        """Open an address that must answer "not found" (a row of someone else's), and check that page too."""
        response = self.page.goto(address if address.startswith("http") else self.base_url + address)
        assert response is not None and response.status == 404, f"{address} answered {response and response.status}"
        self.statuses.pop(self.page.url.split("#")[0], None)
        self.check(step)

    def sign_in(self, user, password: str = PASSWORD) -> None:
        self.visit(reverse("login"), "sign-in")
        self.page.get_by_label("Email").fill(user.email)
        self.page.get_by_label("Password").fill(password)
        self.press("Sign in", "signed-in")

    def open_menu(self) -> None:
        """Open the phone's menu (staff or portal)."""
        self._open_folded(self.page.get_by_role("button", name="Menu"))

    def open_filters(self) -> None:
        """Open a list's filter bar, folded behind its "Filters" button on a phone (on a wide screen it is open)."""
        toggle = self.page.get_by_role("button", name="Filters")
        if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
            self._open_folded(toggle)

    def _open_folded(self, button) -> None:
        """Press the button that unfolds a Bootstrap collapse, and wait until it has finished unfolding: a
        field or link used while it still animates may miss the click (it did, under load)."""
        button.click()
        folded = self.page.locator("#" + (button.get_attribute("aria-controls") or ""))
        expect(folded).to_have_class(re.compile(r"\bshow\b"))
        expect(folded).not_to_have_class(re.compile(r"\bcollapsing\b"))

    def follow(self, name: str, step: str, *, within=None, exact: bool = True) -> None:
        """Follow the link named `name` (in `within`, a locator, if given) and check where it leads."""
        self._navigate((within or self.page).get_by_role("link", name=name, exact=exact), step)

    def press(self, name: str, step: str, *, within=None, exact: bool = True) -> None:
        """Press the button named `name`, which submits a form, and check the page that answers."""
        self._navigate((within or self.page).get_by_role("button", name=name, exact=exact), step)

    def _navigate(self, locator, step: str) -> None:
        with self.page.expect_navigation():
            locator.click()
        self.check(step)

    # Checking -----------------------------------------------------------------------------------

    def check(self, step: str) -> None:
        """Check the page the browser shows now, and photograph it."""
        page = self.page
        page.wait_for_load_state("load")
        self.step += 1
        self._photograph(self.shots / f"{self.step:02d}-{slug(step)}.png")
        self.checked = len(self.loads)
        status = self.statuses.get(page.url.split("#")[0])
        assert status is None or status < 400, f"{page.url} answered {status} at step {step!r}"
        assert not self.script_errors, f"Script errors on {page.url}: {self.script_errors}"
        assert not self.csp_violations, f"Blocked by the Content-Security-Policy on {page.url}: {self.csp_violations}"
        violations = axe_violations(page)
        assert not violations, describe_violations(f"{page.url} (step {step!r})", violations)

    def _photograph(self, path: Path) -> None:
        """A full-page screenshot. Chromium now and then answers "Unable to capture screenshot" on a busy
        machine: the picture is a record of the step, not a check, so try once more, then the window only."""
        try:
            self.page.screenshot(path=path, full_page=True)
        except PlaywrightError as error:
            if "Unable to capture screenshot" not in str(error):
                raise
            self.page.wait_for_timeout(250)
            try:
                self.page.screenshot(path=path, full_page=True)
            except PlaywrightError:
                self.page.screenshot(path=path)

    def message(self) -> str:
        """The text of the messages (Django messages and alerts) the page shows."""
        return "\n".join(self.page.locator(".alert").all_inner_texts())

    def finish(self) -> None:
        if len(self.loads) > self.checked:
            self.unchecked.append(self.loads[-1])
        assert not self.unchecked, f"Pages reached without an accessibility check: {self.unchecked}"
