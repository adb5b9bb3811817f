"""safety/services.py: records with legal weight are voided, never deleted."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safety import services
from safety.models import BackgroundCheck, CheckIn, SafetyConcern, SiteVisit
from tests.factories import (
    BackgroundCheckFactory,
    SafetyConcernFactory,
    SiteVisitFactory,
    UserFactory,
)
from tests.helpers import today

pytestmark = pytest.mark.django_db


# Voiding instead of deleting -------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_voiding_needs_a_reason(reason, coordinator):
    check = BackgroundCheckFactory()

    with pytest.raises(ValidationError) as error:
        services.void(record=check, by=coordinator, reason=reason)

    assert error.value.message_dict == {"reason": ["Say why this record is voided: it stays in the history."]}
    assert BackgroundCheck.objects.get(pk=check.pk).voided_at is None


def test_voiding_records_who_when_and_why_and_keeps_the_record(coordinator):
    check = BackgroundCheckFactory()
    before = timezone.now()

    services.void(record=check, by=coordinator, reason="  Recorded against the wrong person. ")

    assert check.is_voided
    assert (check.voided_by, check.void_reason) == (coordinator, "Recorded against the wrong person.")
    assert before <= check.voided_at <= timezone.now()
    assert BackgroundCheck.objects.filter(pk=check.pk).exists()
    assert not BackgroundCheck.objects.live().filter(pk=check.pk).exists()


def test_voiding_twice_is_refused_and_keeps_the_first_void(coordinator):
    check = BackgroundCheckFactory()
    services.void(record=check, by=coordinator, reason="First.")
    other = UserFactory()

    with pytest.raises(ValidationError) as error:
        services.void(record=check, by=other, reason="Second.")

    assert error.value.messages == ["This record was already voided."]
    check.refresh_from_db()
    assert (check.voided_by, check.void_reason) == (coordinator, "First.")


def test_voided_visits_check_ins_and_concerns_leave_live_but_stay(coordinator):
    visit = SiteVisitFactory()
    concern = SafetyConcernFactory()
    check_in = services.check_in_record(
        placement=concern.placement, by=coordinator, date=today(), mode=CheckIn.Mode.PHONE, wellbeing=3
    )

    for record in (visit, concern, check_in):
        services.void(record=record, by=coordinator, reason="Entered twice.")

    for model, record in ((SiteVisit, visit), (SafetyConcern, concern), (CheckIn, check_in)):
        assert not model.objects.live().filter(pk=record.pk).exists()
        assert model.objects.get(pk=record.pk).void_reason == "Entered twice."
