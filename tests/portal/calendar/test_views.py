"""The business's calendar feed in the portal: its administrators make it, see its address once, replace it
and turn it off; mentors never see the page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communications.calendar.models import CalendarFeed
from communications.calendar.services import calendar_feed_create, hash_token
from partnerships.models import PartnerMembership
from tests.factories import PartnerMembershipFactory

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r"/calendar/feed/([A-Za-z0-9_-]{43,})\.ics")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_makes_the_business_feed_and_sees_its_address_once(partner_a_client, business_a, partner_a):
    response = partner_a_client.post(reverse("portal:calendar"))
    page = response.content.decode()
    [token] = set(ADDRESS.findall(page))
    assert "it is not shown again" in page
    assert "no-store" in response["Cache-Control"]  # the portal's frame keeps its pages out of caches
    feed = CalendarFeed.objects.get(organization=business_a)
    assert feed.token_hash == hash_token(token) and feed.created_by == partner_a
    assert not ADDRESS.search(partner_a_client.get(reverse("portal:calendar")).content.decode())


def test_the_page_says_the_feed_names_no_student(partner_a_client):
    assert "never a student" in partner_a_client.get(reverse("portal:calendar")).content.decode()


def test_replacing_the_address_stops_the_old_one(partner_a_client, business_a, partner_a):
    old = calendar_feed_create(organization=business_a, by=partner_a)
    assert "stops working at once" in partner_a_client.get(reverse("portal:calendar_regenerate")).content.decode()
    [new] = set(ADDRESS.findall(partner_a_client.post(reverse("portal:calendar_regenerate")).content.decode()))
    assert Client().get(reverse("calendar:feed", args=[old])).status_code == 404
    assert Client().get(reverse("calendar:feed", args=[new])).status_code == 200


def test_turning_the_feed_off_asks_first(partner_a_client, business_a, partner_a):
    token = calendar_feed_create(organization=business_a, by=partner_a)
    assert "Turn off the calendar feed?" in partner_a_client.get(reverse("portal:calendar_revoke")).content.decode()
    response = partner_a_client.post(reverse("portal:calendar_revoke"), follow=True)
    assert "Calendar feed turned off" in response.content.decode()
    assert Client().get(reverse("calendar:feed", args=[token])).status_code == 404


def test_another_administrator_of_the_business_manages_the_same_feed(business_a, partner_a):
    calendar_feed_create(organization=business_a, by=partner_a)
    colleague = PartnerMembershipFactory(organization=business_a).user
    assert "Turn off the feed" in signed_in(colleague).get(reverse("portal:calendar")).content.decode()


def test_an_administrator_of_another_business_never_touches_this_feed(partner_b_client, business_a, partner_a):
    calendar_feed_create(organization=business_a, by=partner_a)
    partner_b_client.post(reverse("portal:calendar_revoke"))
    assert CalendarFeed.objects.live().filter(organization=business_a).exists()
    assert "No calendar feed yet" in partner_b_client.get(reverse("portal:calendar")).content.decode()


def test_a_mentor_has_no_calendar_page_nor_menu_entry(business_a):
    mentor = PartnerMembershipFactory(organization=business_a, role=PartnerMembership.Role.MENTOR).user
    client = signed_in(mentor)
    assert client.get(reverse("portal:calendar")).status_code == 404
    assert reverse("portal:calendar") not in client.get(reverse("portal:home")).content.decode()


def test_an_administrator_finds_the_calendar_in_the_menu(partner_a_client):
    assert f'href="{reverse("portal:calendar")}"' in partner_a_client.get(reverse("portal:home")).content.decode()


def _leave(membership: PartnerMembership) -> None:
    membership.active, membership.deactivated_at = False, timezone.now()
    membership.save()


def test_the_business_feed_stops_when_its_maker_no_longer_administers_the_business(business_a, partner_a):
    token = calendar_feed_create(organization=business_a, by=partner_a)
    colleague = PartnerMembershipFactory(organization=business_a).user
    _leave(PartnerMembership.objects.get(user=partner_a, organization=business_a))

    assert Client().get(reverse("calendar:feed", args=[token])).status_code == 404
    # The colleague still there sees no feed and makes a new one, whose address works.
    page = signed_in(colleague).get(reverse("portal:calendar")).content.decode()
    assert "No calendar feed yet" in page
    [new] = set(ADDRESS.findall(signed_in(colleague).post(reverse("portal:calendar")).content.decode()))
    assert Client().get(reverse("calendar:feed", args=[new])).status_code == 200
    assert Client().get(reverse("calendar:feed", args=[token])).status_code == 404


@pytest.mark.parametrize("how", ["mentor now", "account closed"])
def test_a_business_feed_answers_only_while_its_maker_is_an_active_administrator(business_a, partner_a, how):
    token = calendar_feed_create(organization=business_a, by=partner_a)
    if how == "mentor now":
        PartnerMembership.objects.filter(user=partner_a).update(role=PartnerMembership.Role.MENTOR)
    else:
        partner_a.is_active = False
        partner_a.save()
    assert Client().get(reverse("calendar:feed", args=[token])).status_code == 404
