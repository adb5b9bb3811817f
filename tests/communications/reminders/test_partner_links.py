"""Reminders to partners lead to their action: the charter and protocol reminders link to the portal page
where it is done, for the right business, two page loads from the email with the sign-in; they go to the
partner administrators who can act; and every link in a partner's email is a partner page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communications.reminders import selectors as reminders_selectors
from communications.reminders import services as reminders
from partnerships.models import PartnerMembership, PointOfContact
from tests.communications.reminders.common import Kind, days, of_kind
from tests.factories import (
    PASSWORD,
    BusinessFactory,
    CharterFactory,
    CoordinatorFactory,
    NotificationFactory,
    PartnerMembershipFactory,
    SafetyProtocolFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

SITE = "https://schoolbridge.example.test"
HOME = reverse("portal:home")
LOGIN = reverse("login")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def olga(business_a):
    """Olga Owner: the partner administrator of Acme Tools, who signs in with her password."""
    return PartnerMembershipFactory(
        organization=business_a, user__email="olga@acme.test", user__first_name="Olga", user__last_name="Owner"
    ).user


def follow_from_the_email(url: str, email: str):
    """An anonymous visitor opens `url`, is sent to sign in, signs in: returns (the login page, the page landed
    on after signing in), the two page loads from the email."""
    visitor = Client()
    opened = visitor.get(url)
    assert opened.status_code == 302
    sign_in = urlsplit(opened["Location"])
    assert (sign_in.path, parse_qs(sign_in.query)) == (LOGIN, {"next": [url]})
    login_page = visitor.get(opened["Location"])
    assert login_page.context["next"] == url  # the form keeps where to go
    landed = visitor.post(LOGIN, {"username": email, "password": PASSWORD, "next": url}, follow=True)
    assert landed.redirect_chain == [(url, 302)]
    return visitor, login_page, landed


def test_the_charter_reminder_leads_in_two_page_loads_to_acknowledging_that_version(olga, business_a):
    partnership = active_partnership(business=business_a)
    CharterFactory(partnership=partnership)
    charter = CharterFactory(partnership=partnership)
    reminders.sweep(days(7))
    [reminder] = of_kind(Kind.CHARTER_ACK_PENDING)
    page = reverse("portal:charter_acknowledge", args=[charter.pk])
    assert reminder.url == f"{page}?organization={business_a.pk}"

    visitor, login_page, landed = follow_from_the_email(reminder.url, "olga@acme.test")

    assert login_page.status_code == 200
    assert landed.status_code == 200
    assert landed.resolver_match.view_name == "portal:charter_acknowledge"
    assert landed.context["charter"] == charter
    assert 'name="confirm"' in landed.content.decode()
    assert page in visitor.get(HOME).content.decode()

    visitor.post(page, {"confirm": "on"})

    charter.refresh_from_db()
    assert charter.acknowledged_by == olga
    assert page not in visitor.get(HOME).content.decode()


def test_the_protocols_reminder_leads_in_two_page_loads_to_acknowledging_them(olga, business_a):
    active_partnership(business=business_a)
    protocol = SafetyProtocolFactory(title="Supervision of minors")
    reminders.sweep(days(7))
    [reminder] = of_kind(Kind.PROTOCOL_ACK_PENDING)
    page = reverse("portal:protocols_acknowledge")
    assert reminder.url == f"{page}?organization={business_a.pk}"

    visitor, _login_page, landed = follow_from_the_email(reminder.url, "olga@acme.test")

    assert landed.resolver_match.view_name == "portal:protocols_acknowledge"
    assert list(landed.context["protocols"]) == [protocol]
    assert f'href="{page}"' in visitor.get(HOME).content.decode()

    visitor.post(page, {"protocols": [protocol.pk], "confirm": "on"})

    assert protocol.acknowledgments.get().organization == business_a
    assert page not in visitor.get(HOME).content.decode()


def test_someone_in_two_businesses_lands_at_the_business_the_reminder_is_about(business_a, business_b):
    both = UserFactory(email="both@example.test")
    PartnerMembershipFactory(user=both, organization=business_a)
    PartnerMembershipFactory(user=both, organization=business_b)
    charter = CharterFactory(partnership=active_partnership(business=business_b))
    reminders.sweep(days(7))
    [reminder] = of_kind(Kind.CHARTER_ACK_PENDING)

    _visitor, _login_page, landed = follow_from_the_email(reminder.url, "both@example.test")

    assert landed.resolver_match.view_name == "portal:charter_acknowledge"
    assert landed.wsgi_request.organization == business_b
    assert landed.context["charter"] == charter
    # The same page without the business named asks them to choose first: a third page load.
    chooser = Client()
    chooser.force_login(both)
    assert chooser.get(reverse("portal:charter_acknowledge", args=[charter.pk]))["Location"].startswith(
        reverse("portal:choose")
    )


def test_acknowledgment_reminders_go_to_the_partner_administrators_not_to_mentors(business_a):
    partnership = active_partnership(business=business_a)
    CharterFactory(partnership=partnership)
    SafetyProtocolFactory()
    admin = PartnerMembershipFactory(organization=business_a).user
    PartnerMembershipFactory(organization=business_a, role=PartnerMembership.Role.MENTOR)
    PartnerMembershipFactory(organization=business_a, active=False, deactivated_at=timezone.now())  # left
    PartnerMembershipFactory()  # another business

    reminders.sweep(days(7))

    for kind in (Kind.CHARTER_ACK_PENDING, Kind.PROTOCOL_ACK_PENDING):
        [reminder] = of_kind(kind)
        assert reminders_selectors.recipients(reminder) == [admin]
        assert reminder.external_email == ""


def test_a_business_with_only_mentors_in_the_portal_is_asked_through_its_primary_contact(business_a):
    partnership = active_partnership(business=business_a)
    CharterFactory(partnership=partnership)
    PartnerMembershipFactory(organization=business_a, role=PartnerMembership.Role.MENTOR)

    reminders.sweep(days(7))

    [reminder] = of_kind(Kind.CHARTER_ACK_PENDING)
    primary = PointOfContact.objects.get(partnership=partnership, side="business").contact
    assert reminder.external_email == primary.email
    assert reminders_selectors.recipients(reminder) == []


# Links in the emails -------------------------------------------------------------------------------------


def links(email) -> list[str]:
    html = email.alternatives[0][0]
    return re.findall(r"https?://[^\s\"<]+", email.body) + re.findall(r'href="([^"]+)"', html)


def test_a_partners_reminder_email_links_to_partner_pages_only(olga, business_a):
    CharterFactory(partnership=active_partnership(business=business_a))
    reminders.sweep(days(7))
    [reminder] = of_kind(Kind.CHARTER_ACK_PENDING)

    reminders.dispatch(reminder.pk)

    [email] = mail.outbox
    found = links(email)
    assert SITE + reverse("portal:notification_settings") in found
    assert SITE + reminder.url in found
    assert all(link.startswith(SITE + "/portal/") for link in found), found


def test_a_coordinators_reminder_email_links_to_the_staff_settings():
    notification = NotificationFactory(user=CoordinatorFactory(email="sam@example.test"), email="now")

    reminders.dispatch(notification.reminder_id)

    email = next(email for email in mail.outbox if email.to == ["sam@example.test"])
    assert SITE + reverse("communications:notification_settings") in links(email)
    assert SITE + reverse("portal:notification_settings") not in links(email)


def test_a_partners_digest_links_to_their_notifications_and_settings_in_the_portal(olga):
    NotificationFactory(user=olga, email="digest", reminder__url=reverse("portal:safety"))

    assert reminders.send_digests() == 1

    [email] = mail.outbox
    found = links(email)
    assert SITE + reverse("portal:notifications") in found
    assert SITE + reverse("portal:notification_settings") in found
    assert all(link.startswith(SITE + "/portal/") for link in found), found


def test_a_coordinators_digest_links_to_the_staff_notifications_and_settings():
    cora = CoordinatorFactory(email="cora@example.test")
    NotificationFactory(user=cora, email="digest")

    reminders.send_digests()

    found = links(mail.outbox[0])
    assert SITE + reverse("communications:notification_list") in found
    assert SITE + reverse("communications:notification_settings") in found
    assert not any("/portal/" in link for link in found)


def test_a_user_at_a_business_who_is_no_coordinator_is_a_partner_even_without_a_membership_now():
    former = UserFactory(email="former@example.test")
    PartnerMembershipFactory(user=former, organization=BusinessFactory(), active=False, deactivated_at=timezone.now())
    NotificationFactory(user=former, email="digest")

    reminders.send_digests()

    assert SITE + reverse("portal:notification_settings") in links(mail.outbox[0])
