"""Nothing of business B reaches anyone at business A: not a page, an email or a notification.

Every name and text of B's rows in the shared world carries CANARY (tests/portal/conftest.py). Each person
at A opens every portal page the matrix lets them open, with A's rows; the reminders of the day are made
and sent; the canary must appear in none of it.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from communications.models import Notification
from communications.reminders import services as reminders
from communications.reminders.services import pending_ids
from tests.factories import CharterFactory
from tests.portal.conftest import CANARY
from tests.portal.matrix import ADMIN_B, BOTH, SIGNED_IN_AT_A, all_entries

ENTRIES = all_entries()


def _pages_seen_at_a(world, clients):
    for name, entry in sorted(ENTRIES.items()):
        if entry.get_status != 200:
            continue
        url = reverse(name, kwargs=entry.own(world))
        for persona in SIGNED_IN_AT_A:
            if entry.expects(persona):
                response = clients[persona].get(url)
                assert response.status_code == 200, f"{persona} GET {url}"
                yield persona, url, response.content.decode()


@pytest.mark.django_db
def test_no_page_anyone_at_a_opens_shows_anything_of_b(world, clients):
    seen = list(_pages_seen_at_a(world, clients))

    assert len(seen) >= len(SIGNED_IN_AT_A)  # the walk really opened pages
    # Someone who works for both businesses sees B's name where they choose between them, and nowhere else.
    choose = reverse("portal:choose")
    leaks = [
        (persona, url)
        for persona, url, html in seen
        if CANARY.lower() in html.lower() and not (persona == BOTH and url == choose)
    ]
    assert not leaks, f"Business B's data reached business A on: {leaks}"


@pytest.mark.django_db
def test_b_really_sees_its_own_rows_so_the_canary_can_be_found(world, clients):
    """The check above is only worth something if the canary shows where it belongs."""
    html = clients[ADMIN_B].get(reverse("portal:home")).content.decode()

    assert CANARY in html


@pytest.mark.django_db
def test_no_email_or_notification_to_anyone_at_a_mentions_b(world, mailoutbox, django_capture_on_commit_callbacks):
    week_ago = timezone.now() - datetime.timedelta(days=8)
    for side in ("a", "b"):  # a charter version each business has not acknowledged for a week: reminded
        CharterFactory(partnership=world[f"partnership_{side}"], version=2, vision=f"v2 {side}", created_at=week_ago)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.sweep()
    for reminder_id in pending_ids():
        reminders.dispatch(reminder_id)
    # Not the person who also works for B: B's reminders are theirs too.
    at_a = {world["users"][persona].email for persona in SIGNED_IN_AT_A if persona != BOTH}

    to_a = [message for message in mailoutbox if set(message.to) & at_a]
    assert to_a, "the day's reminders reached business A"
    for message in to_a:
        text = " ".join([message.subject, message.body, *(body for body, _type in message.alternatives)])
        assert CANARY.lower() not in text.lower(), f"An email to {message.to} mentions business B"
    notifications = Notification.objects.filter(user__email__in=at_a).select_related("reminder")
    for notification in notifications:
        words = f"{notification.reminder.title} {notification.reminder.body} {notification.reminder.url}"
        assert CANARY.lower() not in words.lower()
