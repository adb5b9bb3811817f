"""The named reads of placements: one queryset per idea, each status group defined once on the model."""

import pytest

from partnerships.models import Partnership
from students.models import Placement
from tests.factories import ContactFactory, PlacementFactory, active_partnership

pytestmark = pytest.mark.django_db

Status = Placement.Status


@pytest.fixture
def one_of_each():
    """One placement in every status, keyed by status."""
    partnership = active_partnership()
    return {
        status: PlacementFactory(partnership=partnership, status=status, cancel_reason="Moved away.")
        for status in Status.values
    }


def statuses(queryset) -> set[str]:
    return set(queryset.values_list("status", flat=True))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("planned", {Status.PROPOSED, Status.APPROVED}),
        ("ongoing", {Status.ACTIVE, Status.PAUSED}),
        ("started", {Status.ACTIVE, Status.PAUSED, Status.COMPLETED}),
        ("open", {Status.PROPOSED, Status.APPROVED, Status.ACTIVE, Status.PAUSED}),
        ("active", {Status.ACTIVE}),
    ],
)
def test_each_named_queryset_holds_exactly_its_statuses(one_of_each, name, expected):
    assert statuses(getattr(Placement.objects, name)()) == expected


def test_a_paused_placement_is_open_to_safety_as_to_students():
    """Safety once counted paused placements as open and students did not; both ask the one queryset now."""
    from safety.forms import ConcernForm
    from safety.selectors import businesses_that_matter

    paused = PlacementFactory(status=Status.PAUSED, partnership__status="paused")
    PlacementFactory(status=Status.COMPLETED, partnership__status="ended")

    offered = set(ConcernForm().fields["placement"].queryset)
    assert offered == set(Placement.objects.open()) == {paused}
    assert list(businesses_that_matter()) == [paused.partnership.business]


def test_the_status_groups_cover_every_status_once_between_open_and_finished():
    assert sorted([*Placement.OPEN_STATUSES, *Placement.FINISHED_STATUSES]) == sorted(Status.values)


def test_involving_finds_a_person_as_mentor_or_other_staff_once_each(one_of_each):
    placement = one_of_each[Status.ACTIVE]
    helper = ContactFactory(organization=placement.partnership.business)
    placement.other_staff.add(helper, placement.mentor)  # the mentor listed twice must not count twice
    other = one_of_each[Status.PAUSED]
    other.other_staff.add(helper)

    assert list(Placement.objects.involving(placement.mentor)) == [placement]
    assert set(Placement.objects.involving(helper)) == {placement, other}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("open", set(Partnership.OPEN_STATUSES)),
        ("engaged", {Partnership.Status.ONBOARDING, Partnership.Status.ACTIVE, Partnership.Status.PAUSED}),
        ("ongoing", {Partnership.Status.ACTIVE, Partnership.Status.PAUSED}),
        ("active", {Partnership.Status.ACTIVE}),
    ],
)
def test_partnerships_have_one_named_queryset_per_group(name, expected):
    for status in Partnership.Status.values:
        active_partnership(status=status)

    assert statuses(getattr(Partnership.objects, name)()) == expected
    assert Partnership.Status.ENDED not in Partnership.OPEN_STATUSES


def test_not_cancelled_keeps_every_placement_but_the_cancelled_ones():
    proposed, completed = PlacementFactory(), PlacementFactory(status=Placement.Status.COMPLETED)
    PlacementFactory(status=Placement.Status.CANCELLED, cancel_reason="The student moved away.")

    assert set(Placement.objects.not_cancelled()) == {proposed, completed}
