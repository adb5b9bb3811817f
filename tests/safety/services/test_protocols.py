"""safety/services.py: protocol versions and their acknowledgment."""

import pytest
from django.core.exceptions import ValidationError

from safety import services
from safety.models import ProtocolAcknowledgment
from tests.factories import (
    ContactFactory,
    SafetyProtocolFactory,
    SchoolFactory,
)
from tests.helpers import today

pytestmark = pytest.mark.django_db


# Protocols -------------------------------------------------------------------------------------------


def test_protocol_publish_numbers_versions_per_key():
    first = services.protocol_publish(key="supervision", title=" Supervision ", body="Two adults.")
    second = services.protocol_publish(key="supervision", title="Supervision", body="Two adults, always.")
    other = services.protocol_publish(key="transport", title="Transport", body="No rides.")

    assert [(p.key, p.version) for p in (first, second, other)] == [
        ("supervision", 1),
        ("supervision", 2),
        ("transport", 1),
    ]
    assert first.title == "Supervision"
    assert first.effective_on == today()


def test_protocol_acknowledge_once_per_version_a_second_call_returns_the_same_row(coordinator):
    protocol = SafetyProtocolFactory()
    business = ContactFactory().organization

    first = services.protocol_acknowledge(
        organization=business, protocol=protocol, by_name=" Olga Owner ", by=coordinator
    )
    again = services.protocol_acknowledge(organization=business, protocol=protocol, by_name="Someone Else")

    assert again.pk == first.pk
    assert ProtocolAcknowledgment.objects.get().acknowledged_by_name == "Olga Owner"
    assert first.acknowledged_by == coordinator


def test_protocol_acknowledge_refuses_a_school():
    with pytest.raises(ValidationError) as error:
        services.protocol_acknowledge(organization=SchoolFactory(), protocol=SafetyProtocolFactory(), by_name="Pat")

    assert error.value.messages == ["Protocols are acknowledged by businesses."]
    assert not ProtocolAcknowledgment.objects.exists()


def test_protocol_acknowledge_needs_a_name():
    with pytest.raises(ValidationError) as error:
        services.protocol_acknowledge(
            organization=ContactFactory().organization, protocol=SafetyProtocolFactory(), by_name="  "
        )

    assert error.value.message_dict == {"by_name": ["Say who acknowledged it."]}
