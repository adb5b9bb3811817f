"""Partners' own changes in the portal are recorded as theirs: auditlog's middleware takes the actor from the
signed-in partner, through the portal's guard, on the way to the same services the staff pages use."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.factories import HoursEntryFactory
from tests.portal.placements.test_evaluations import answers

pytestmark = pytest.mark.django_db


def test_a_mentor_confirming_hours_in_the_portal_is_recorded_as_the_mentor(mentor_client, mentor_user, placement):
    entry = HoursEntryFactory(placement=placement)

    mentor_client.post(reverse("portal:placement_hours_confirm", args=[placement.pk]), {"entries": [entry.pk]})

    change = LogEntry.objects.get_for_object(entry).get(action=LogEntry.Action.UPDATE)
    assert change.actor == mentor_user
    assert change.changes_dict["verified_by"][1] == "Dana Lee"


def test_a_mentor_sending_hours_back_in_the_portal_is_recorded_as_the_mentor(mentor_client, mentor_user, placement):
    entry = HoursEntryFactory(placement=placement)

    mentor_client.post(
        reverse("portal:placement_hours_reject", args=[placement.pk]), {"entries": [entry.pk], "reason": "Was 2 h"}
    )

    change = LogEntry.objects.get_for_object(entry).get(action=LogEntry.Action.UPDATE)
    assert (change.actor, change.changes_dict["reject_reason"][1]) == (mentor_user, "Was 2 h")


def test_a_mentors_evaluation_in_the_portal_is_recorded_as_the_mentor(mentor_client, mentor_user, placement):
    mentor_client.post(reverse("portal:placement_evaluate", args=[placement.pk, "midpoint"]), answers(placement))

    [created] = LogEntry.objects.filter(content_type__model="evaluation")
    assert created.actor == mentor_user
