"""Protocol pages (safety/views/protocols.py)."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from safety.models import (
    SafetyProtocol,
)
from tests.factories import (
    SafetyProtocolFactory,
    ready_placement,
)
from tests.helpers import today
from tests.safety.views.helpers import Status, flashed, iso, section, text, transition, url

pytestmark = pytest.mark.django_db


# Protocols -------------------------------------------------------------------------------------------


def test_a_new_protocol_version_needs_a_new_acknowledgment_before_a_placement_starts(coordinator_client, coordinator):
    placement = ready_placement()
    business = placement.partnership.business
    body = {"title": "Supervision rules", "body": "Two adults on site.", "effective_on": iso(today())}

    response = coordinator_client.post(url("protocol_create"), body)
    v1 = SafetyProtocol.objects.get(key="supervision-rules")
    assertRedirects(response, url("protocol_detail", v1.pk))
    assert v1.version == 1
    assert flashed(response)[0].startswith("“Supervision rules” version 1 published.")
    response = coordinator_client.post(url("protocol_create"), body)
    assert response.status_code == 200
    assertContains(response, "A protocol called “supervision-rules” exists already")

    response = coordinator_client.post(url("protocol_detail", v1.pk), {"organization": business.pk, "by_name": ""})
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    response = coordinator_client.post(
        url("protocol_detail", v1.pk), {"organization": business.pk, "by_name": "Olga Owner, manager"}
    )
    assertRedirects(response, url("protocol_detail", v1.pk))
    assert flashed(response) == [f"{business.name} acknowledged “Supervision rules” (version 1)."]
    assertContains(coordinator_client.get(url("protocol_detail", v1.pk)), "by Olga Owner, manager")

    assertContains(coordinator_client.get(url("protocol_create") + "?key=supervision-rules"), "This makes version 2.")
    response = coordinator_client.post(
        url("protocol_create") + "?key=supervision-rules", {**body, "body": "Three adults on site."}
    )
    v2 = SafetyProtocol.objects.get(key="supervision-rules", version=2)
    assertRedirects(response, url("protocol_detail", v2.pk))
    assertContains(coordinator_client.get(url("protocol_detail", v1.pk)), "This is an older version.")

    response = coordinator_client.post(transition(placement, "active"))
    assert response.status_code == 200
    assert f"{business.name} has not acknowledged “Supervision rules” (version 2)." in text(response)
    placement.refresh_from_db()
    assert placement.status == Status.APPROVED
    card = section(coordinator_client.get(reverse("safety:partnership", args=[placement.partnership_id])), "safety")
    assert "Missing</span>" in card and "Supervision rules" in card
    assert f"?organization={business.pk}#acknowledge" in card

    coordinator_client.post(url("protocol_detail", v2.pk), {"organization": business.pk, "by_name": "Olga Owner"})
    card = section(coordinator_client.get(reverse("safety:partnership", args=[placement.partnership_id])), "safety")
    assert "Acknowledged</span>" in card and "Missing</span>" not in card
    assertRedirects(coordinator_client.post(transition(placement, "active")), placement.get_absolute_url())
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE


@pytest.mark.django_db
def test_a_protocol_key_with_a_nul_byte_is_no_protocol_not_a_server_error(coordinator_client):
    # Found by tests/fuzz: on PostgreSQL the key reached the query and raised "cannot contain NUL".
    SafetyProtocolFactory(key="supervision-rules")
    response = coordinator_client.get(url("protocol_create") + "?key=supervision-rules%00")
    assertContains(response, "This makes version 2.")
