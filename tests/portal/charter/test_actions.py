"""The home page's charter items: the current version to acknowledge, one click from done, gone once done."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from partnerships.models import PartnerMembership
from portal.charter import actions
from tests.factories import CharterFactory, SchoolFactory, active_partnership
from tests.helpers import today

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")


def request_for(user, organization):
    request = RequestFactory().get(HOME)
    request.user = user
    request.membership = PartnerMembership.objects.get(user=user, organization=organization)
    request.organization = organization
    return request


def test_the_current_version_waiting_is_an_item_linking_to_its_acknowledgment(partner_a, business_a, second, birch):
    CharterFactory(partnership=birch)

    [item] = actions.items(request_for(partner_a, business_a))

    assert item.title == "Acknowledge the charter of Acme at Lincoln (version 2)"
    assert item.url == reverse("portal:charter_acknowledge", args=[second.pk])
    assert item.detail == "Two mentors for each student, and paid internships."
    assert item.due_on == timezone.localtime(second.created_at).date() + datetime.timedelta(days=7)
    assert not item.urgent  # published today: a week to go


def test_a_version_waiting_past_its_week_is_urgent(partner_a, business_a, second):
    second.created_at = timezone.now() - datetime.timedelta(days=8)
    second.save(update_fields=["created_at"])

    [item] = actions.items(request_for(partner_a, business_a))

    assert item.urgent and item.due_on == today() - datetime.timedelta(days=1)


def test_the_item_is_on_the_home_page_and_gone_once_acknowledged(partner_a_client, second):
    page = reverse("portal:charter_acknowledge", args=[second.pk])
    assertContains(partner_a_client.get(HOME), f'href="{page}"')

    partner_a_client.post(page, {"confirm": "on"})

    assertNotContains(partner_a_client.get(HOME), page)


def test_an_ended_partnership_asks_for_nothing(partner_a, business_a):
    ended = active_partnership(business=business_a, status="ended", end_date=today())
    CharterFactory(partnership=ended)
    assert actions.items(request_for(partner_a, business_a)) == []


def test_a_mentor_is_not_asked(mentor_client, second):
    assertNotContains(mentor_client.get(HOME), reverse("portal:charter_acknowledge", args=[second.pk]))


@pytest.mark.parametrize("size", [2, 6])
def test_the_items_cost_one_query_however_many_partnerships(size, partner_a, business_a, django_assert_num_queries):
    for n in range(size):
        partnership = active_partnership(business=business_a, school=SchoolFactory(name=f"School {n}"))
        CharterFactory(partnership=partnership)
        CharterFactory(partnership=partnership)
    request = request_for(partner_a, business_a)

    with django_assert_num_queries(1):
        items = actions.items(request)

    assert len(items) == size
