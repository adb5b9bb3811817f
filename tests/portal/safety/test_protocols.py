"""The district's safety protocols in the portal: read, acknowledge (partner administrators), and a newly
published version asks again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from portal.safety import actions
from safety import services
from safety.models import ProtocolAcknowledgment
from tests.factories import ProtocolAcknowledgmentFactory, SafetyProtocolFactory
from tests.helpers import days_ago, today
from tests.portal.safety.conftest import request_for

pytestmark = pytest.mark.django_db

SAFETY = reverse("portal:safety")
ACKNOWLEDGE = reverse("portal:protocols_acknowledge")
HOME = reverse("portal:home")


@pytest.fixture
def supervision():
    return SafetyProtocolFactory(key="supervision", title="Supervision of minors", body="Two adults present.")


@pytest.fixture
def reporting():
    return SafetyProtocolFactory(key="reporting", title="Reporting concerns", body="Tell the district the same day.")


def test_everyone_reads_the_current_protocols_and_whether_the_business_acknowledged_them(
    mentor_client, business_a, supervision, reporting
):
    ProtocolAcknowledgmentFactory(organization=business_a, protocol=reporting, acknowledged_by_name="Olga Owner")
    SafetyProtocolFactory(title="Not in effect yet", effective_on=days_ago(-10))

    response = mentor_client.get(SAFETY)

    assertContains(response, "Supervision of minors")
    assertContains(response, "Two adults present.")
    assertContains(response, "by Olga Owner on")
    assertContains(response, "Not acknowledged yet", count=1)
    assertContains(response, "which your partner administrator does")
    assertNotContains(response, "Not in effect yet")
    assertNotContains(response, ACKNOWLEDGE)


def test_a_newly_published_version_asks_again(partner_a_client, business_a, supervision):
    ProtocolAcknowledgmentFactory(organization=business_a, protocol=supervision, acknowledged_at=timezone.now())
    assertContains(partner_a_client.get(SAFETY), "has acknowledged every current protocol")

    services.protocol_publish(key="supervision", title="Supervision of minors", body="Two adults, always.")

    response = partner_a_client.get(SAFETY)
    assertContains(response, "Two adults, always.")
    assertContains(response, "Not acknowledged yet")
    assertContains(response, "you acknowledged version 1 on")
    assertContains(response, "this version asks again")
    assertContains(response, f'href="{ACKNOWLEDGE}"')


def test_the_acknowledgment_page_shows_only_the_protocols_still_to_acknowledge(
    partner_a_client, business_a, supervision, reporting
):
    ProtocolAcknowledgmentFactory(organization=business_a, protocol=reporting)

    response = partner_a_client.get(ACKNOWLEDGE)

    assertContains(response, "Two adults present.")
    assertNotContains(response, "Tell the district the same day.")
    assertContains(response, f'<input type="hidden" name="protocols" value="{supervision.pk}"', count=1)
    assertContains(response, "everyone at Acme Tools who works with students will follow them")


def test_an_administrator_acknowledges_them_with_their_name(
    partner_a, partner_a_client, business_a, supervision, reporting
):
    partner_a.first_name, partner_a.last_name = "Olga", "Owner"
    partner_a.save()

    page = partner_a_client.post(
        ACKNOWLEDGE, {"protocols": [supervision.pk, reporting.pk], "confirm": "on"}, follow=True
    )

    assert page.redirect_chain == [(SAFETY, 302)]
    assertContains(page, "Acme Tools acknowledged")
    rows = ProtocolAcknowledgment.objects.filter(organization=business_a)
    assert {(row.protocol, row.acknowledged_by_name, row.acknowledged_by) for row in rows} == {
        (supervision, "Olga Owner", partner_a),
        (reporting, "Olga Owner", partner_a),
    }
    assertContains(page, "has acknowledged every current protocol")


def test_without_ticking_the_box_nothing_is_acknowledged(partner_a_client, supervision):
    response = partner_a_client.post(ACKNOWLEDGE, {"protocols": [supervision.pk]})

    assert response.status_code == 200
    assertContains(response, "Tick the box to say you have read these protocols and will follow them.")
    assert not ProtocolAcknowledgment.objects.exists()


def test_a_protocol_published_while_the_page_was_read_is_asked_for_again(partner_a_client, business_a, supervision):
    partner_a_client.get(ACKNOWLEDGE)
    later = SafetyProtocolFactory(title="Transport", body="No rides in staff cars.")

    partner_a_client.post(ACKNOWLEDGE, {"protocols": [supervision.pk], "confirm": "on"})

    assert [row.protocol for row in ProtocolAcknowledgment.objects.filter(organization=business_a)] == [supervision]
    response = partner_a_client.get(ACKNOWLEDGE)
    assertContains(response, "No rides in staff cars.")
    assertContains(response, f'name="protocols" value="{later.pk}"')


def test_a_version_replaced_while_it_was_read_is_refused_and_the_new_one_shown(
    partner_a_client, business_a, supervision
):
    partner_a_client.get(ACKNOWLEDGE)
    newer = services.protocol_publish(key="supervision", title="Supervision of minors", body="Two adults, always.")

    response = partner_a_client.post(ACKNOWLEDGE, {"protocols": [supervision.pk], "confirm": "on"})

    assert response.status_code == 200
    assertContains(response, "The protocols changed while you were reading them: read the current ones below.")
    assertContains(response, "Two adults, always.")
    assertContains(response, f'name="protocols" value="{newer.pk}"')
    assert not ProtocolAcknowledgment.objects.exists()


def test_acknowledging_again_when_all_are_done_changes_nothing(partner_a_client, business_a, supervision):
    ProtocolAcknowledgmentFactory(organization=business_a, protocol=supervision, acknowledged_by_name="Olga Owner")

    assertContains(partner_a_client.get(ACKNOWLEDGE), "nothing more to do")
    page = partner_a_client.post(ACKNOWLEDGE, {"protocols": [supervision.pk], "confirm": "on"}, follow=True)

    assertContains(page, "has acknowledged every current protocol: nothing more to do.")
    assert ProtocolAcknowledgment.objects.get().acknowledged_by_name == "Olga Owner"


def test_another_business_acknowledgment_is_not_this_ones(partner_a_client, business_b, supervision):
    ProtocolAcknowledgmentFactory(organization=business_b, protocol=supervision)
    assertContains(partner_a_client.get(SAFETY), "Not acknowledged yet")


# The home page's item -----------------------------------------------------------------------------------


def test_protocols_waiting_are_one_item_linking_to_their_acknowledgment(partner_a, business_a, supervision, reporting):
    [item] = actions.protocol_items(request_for(partner_a, business_a))

    assert item.title == "Acknowledge the district's safety protocols (2 to read)"
    assert item.url == ACKNOWLEDGE
    assert item.due_on == today() + datetime.timedelta(days=7)


def test_the_item_is_gone_once_acknowledged_and_back_for_a_new_version(partner_a_client, supervision):
    assertContains(partner_a_client.get(HOME), f'href="{ACKNOWLEDGE}"')

    partner_a_client.post(ACKNOWLEDGE, {"protocols": [supervision.pk], "confirm": "on"})
    assertNotContains(partner_a_client.get(HOME), ACKNOWLEDGE)

    services.protocol_publish(key="supervision", title="Supervision of minors", body="Two adults, always.")
    assertContains(partner_a_client.get(HOME), "Acknowledge the district&#x27;s safety protocols (1 to read)")


def test_a_mentor_is_not_asked(mentor_client, supervision):
    assertNotContains(mentor_client.get(HOME), ACKNOWLEDGE)
    assert mentor_client.get(ACKNOWLEDGE).status_code == 404


# Query counts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 6])
def test_the_protocols_cost_the_same_queries_however_many(
    size, partner_a, partner_a_client, business_a, django_assert_num_queries
):
    for n in range(size):
        earlier = SafetyProtocolFactory(key=f"p{n}", version=1, effective_on=days_ago(30))
        ProtocolAcknowledgmentFactory(organization=business_a, protocol=earlier)
        SafetyProtocolFactory(key=f"p{n}", version=2)
    partner_a_client.get(SAFETY)
    request = request_for(partner_a, business_a)

    with django_assert_num_queries(6):
        response = partner_a_client.get(SAFETY)
    with django_assert_num_queries(1):
        actions.protocol_items(request)

    assert len(response.context["rows"]) == size
