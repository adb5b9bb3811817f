"""The portal's permission matrix: every portal URL × every persona × own and foreign rows × GET and POST.

Entries live in tests/portal/matrix/, one module per feature. A portal URL that no module lists fails
`test_every_portal_url_is_in_the_matrix`, so no partner page ships without someone deciding who may open it.
"""

from __future__ import annotations

import hashlib

import pytest
from django.apps import apps
from django.urls import reverse

from tests.portal.matrix import (
    ADMIN_A,
    ANONYMOUS,
    BOTH,
    COORDINATOR,
    DEACTIVATED,
    MENTOR_A,
    OTHER_MENTOR_A,
    PERSONAS,
    all_entries,
)
from tests.test_permissions import all_url_names

ENTRIES = all_entries()


def test_every_portal_url_is_in_the_matrix():
    names = {name for name in all_url_names() if name.startswith("portal:")}
    missing = sorted(names - ENTRIES.keys())
    assert not missing, f"Add these portal URLs to a module in tests/portal/matrix/: {missing}"
    stale = sorted(ENTRIES.keys() - names)
    assert not stale, f"These matrix entries match no URL any more: {stale}"


def _fingerprint() -> str:
    """Every row of every SchoolBridge table (users without their last sign-in), hashed."""
    digest = hashlib.sha256()
    for config in apps.get_app_configs():
        if config.label not in {"accounts", "partnerships", "students", "safety", "communications"}:
            continue
        for model in config.get_models():
            fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
            for row in model._default_manager.order_by("pk").values_list(*fields):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def _expected_get(entry, persona: str) -> int:
    if persona == ANONYMOUS:
        return 302
    if persona in (COORDINATOR, DEACTIVATED):
        return 404
    if entry.get_status == 405:
        return 405
    return entry.get_status if entry.expects(persona) else 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_each_persona_gets_what_the_matrix_says_of_their_own_business(name, world, clients):
    entry = ENTRIES[name]
    url = reverse(name, kwargs=entry.own(world))
    for persona in PERSONAS:
        response = clients[persona].get(url)
        assert response.status_code == _expected_get(entry, persona), f"{persona} GET {url}"
        if persona == ANONYMOUS:
            assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(name for name, entry in ENTRIES.items() if entry.foreign))
def test_another_business_rows_are_a_404_for_everyone_at_a(name, world, clients):
    entry = ENTRIES[name]
    url = reverse(name, kwargs=entry.foreign(world))
    before = _fingerprint()
    for persona in (ADMIN_A, MENTOR_A, OTHER_MENTOR_A, BOTH):
        if entry.get_status != 405:
            assert clients[persona].get(url).status_code == 404, f"{persona} GET {url}"
        if entry.post:
            assert clients[persona].post(url, entry.post(world)).status_code == 404, f"{persona} POST {url}"
    assert _fingerprint() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(name for name, entry in ENTRIES.items() if entry.post))
def test_a_forbidden_post_is_a_404_and_changes_nothing(name, world, clients):
    entry = ENTRIES[name]
    url = reverse(name, kwargs=entry.own(world))
    before = _fingerprint()
    for persona in PERSONAS:
        if entry.expects(persona):
            continue
        response = clients[persona].post(url, entry.post(world))
        expected = 302 if persona == ANONYMOUS else 404
        assert response.status_code == expected, f"{persona} POST {url}"
    assert _fingerprint() == before
