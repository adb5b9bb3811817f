"""Content-Security-Policy: scripts only from our own files. The header forbids inline script and eval, and
no template may hold an inline <script> or an on…= event handler (which the header would block at run time:
a page whose script never runs). Each page's script lives under static/js/, wired by data- attributes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_SCRIPT = re.compile(r"""\btype\s*=\s*["']?application/(ld\+)?json""", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^<>]*?\s(on[a-z]+)\s*=", re.IGNORECASE)


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def inline_script_problems(source: str) -> list[str]:
    """What in a template the policy would block: a <script> without src (not a JSON data block), an on…= handler."""
    problems = [
        f"inline <script{attrs}>"
        for attrs in SCRIPT_TAG.findall(source)
        if not re.search(r"\bsrc\s*=", attrs) and not DATA_SCRIPT.search(attrs)
    ]
    problems += [f"event handler {name}=" for name in EVENT_HANDLER.findall(source)]
    return problems


def our_templates() -> list[Path]:
    files = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]
    return sorted(path for path in files if ".venv" not in path.parts)


def test_every_page_forbids_inline_script_and_eval():
    policy = directives(Client().get("/accounts/login/")["Content-Security-Policy"])

    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    # Style sheets only from us; only style attributes (progress bars' widths) may be inline.
    assert policy["style-src"] == ["'self'"]
    assert policy["style-src-attr"] == ["'unsafe-inline'"]


def test_signed_in_pages_portal_and_admin_carry_the_policy_too(coordinator_client, partner_a_client):
    pages = ((coordinator_client, "/students/"), (partner_a_client, "/portal/"), (Client(), "/admin/login/"))
    for client, path in pages:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert "'unsafe-inline'" not in directives(response["Content-Security-Policy"])["script-src"], path


def test_the_template_check_finds_inline_scripts_and_handlers():
    assert inline_script_problems("<script>alert(1)</script>") == ["inline <script>"]
    assert inline_script_problems('<button type="button" onclick="go()">Go</button>') == ["event handler onclick="]
    assert inline_script_problems('<body onload="x()">') == ["event handler onload="]
    assert inline_script_problems("<script src=\"{% static 'js/a.js' %}\" defer></script>") == []
    assert inline_script_problems('<script id="d" type="application/json">{"a": 1}</script>') == []
    assert inline_script_problems("<p>Based on one=two, the online form</p>") == []


def test_no_template_has_an_inline_script_or_event_handler():
    templates = our_templates()
    assert len(templates) > 100  # the walk found the project's templates

    found = {
        str(path.relative_to(ROOT)): problems
        for path in templates
        if (problems := inline_script_problems(path.read_text(encoding="utf-8")))
    }

    assert not found, f"Move these into a file under static/js/ (the CSP blocks them): {found}"
