"""The history in words of safety's records (core/history.py)."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from safety import services
from tests.factories import (
    ContactFactory,
)
from tests.helpers import days_ago
from tests.safety.services.helpers import CheckStatus

pytestmark = pytest.mark.django_db


# History ---------------------------------------------------------------------------------------------


def test_history_records_each_change_to_a_background_check_with_the_field_changed(coordinator):
    check = services.check_record(
        contact=ContactFactory(), by=coordinator, status=CheckStatus.PENDING, requested_on=days_ago(5)
    )
    created = LogEntry.objects.get_for_object(check).count()

    services.check_update(check=check, by=coordinator, status=CheckStatus.CLEARED, completed_on=days_ago(1))

    entries = LogEntry.objects.get_for_object(check).order_by("pk")
    assert created == 1
    assert entries.count() == 2
    update = entries.last()
    assert update.action == LogEntry.Action.UPDATE
    assert update.changes_dict["status"] == ["pending", "cleared"]
    assert update.changes_dict["completed_on"][1] == str(days_ago(1))


def test_a_protocol_version_published_at_the_same_moment_elsewhere_is_refused_in_words(monkeypatch):
    from safety.models import SafetyProtocol as Protocol

    first = services.protocol_publish(key="transport", title="Transport", body="Parents drive.")
    # What a second publisher sees when both read the versions before either saved: the same number.
    monkeypatch.setattr(type(Protocol.objects), "select_for_update", lambda self: Protocol.objects.filter(pk__in=[]))

    with pytest.raises(ValidationError) as error:
        services.protocol_publish(key="transport", title="Transport", body="Buses only.")

    assert "published a version of this protocol at the same moment" in error.value.messages[0]
    assert list(Protocol.objects.filter(key="transport")) == [first]
