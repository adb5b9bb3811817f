"""What a host is shown of a student (students.disclosures.host_view) and the record of it (record)."""

from __future__ import annotations

import dataclasses

import pytest

from students import disclosures
from students.models import Disclosure, Placement
from tests.factories import LearningGoalFactory, PlacementFactory, SignedLinkFactory, StudentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_host_sees_the_preferred_first_name_and_last_initial_and_nothing_private():
    student = StudentFactory(legal_first_name="Margaret", preferred_first_name="Maggie", last_name="Okafor")
    placement = PlacementFactory(student=student, days="Mon, Wed")
    LearningGoalFactory(placement=placement, text="Use a multimeter safely")

    [seen] = disclosures.host_view(disclosures.host_queryset(Placement.objects.filter(pk=placement.pk)))

    assert seen.student_name == "Maggie O."
    assert seen.learning_goals == ("Use a multimeter safely",)
    assert seen.school_contact is not None  # the partnership's school-side primary
    shown = repr(dataclasses.asdict(seen))
    for private in ("Margaret", "Okafor", student.district_student_id, student.guardian_name, student.guardian_email):
        assert private not in shown
    assert str(student.date_of_birth) not in shown


def test_the_host_view_has_no_field_beyond_the_minimum():
    assert {field.name for field in dataclasses.fields(disclosures.HostPlacement)} == {
        "pk", "student_name", "grade", "school", "kind", "status", "status_label", "start_date", "end_date",
        "days", "hours_per_week", "site_address", "mentor", "learning_goals", "school_contact",
    }  # fmt: skip


def test_one_row_per_student_shown_in_one_query(django_assert_num_queries):
    viewer = UserFactory()
    student = StudentFactory()
    placements = [PlacementFactory(student=student), *PlacementFactory.create_batch(3)]
    business = placements[0].partnership.business

    with django_assert_num_queries(1):
        rows = disclosures.record(placements=placements, organization=business, page="Placements", viewer=viewer)

    assert len(rows) == 4
    first = Disclosure.objects.get(student=student)
    assert first.placement == placements[0]
    assert first.viewer == viewer and first.viewer_name == viewer.display_name
    assert first.fields == ", ".join(disclosures.HOST_FIELDS)


def test_a_signed_link_is_named_by_its_recipient():
    placement = PlacementFactory()
    link = SignedLinkFactory(recipient_name="Dana Mentor", placement=placement)

    [row] = disclosures.record(
        placements=[placement], organization=placement.partnership.business, page="Evaluation", link=link
    )

    assert row.viewer is None and row.link == link and row.viewer_name == "Dana Mentor"


def test_showing_no_one_writes_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert disclosures.record(placements=[], organization=None, page="Placements", viewer=UserFactory.build()) == []


def test_a_disclosure_names_who_saw():
    placement = PlacementFactory()
    with pytest.raises(ValueError):
        disclosures.record(placements=[placement], organization=placement.partnership.business, page="Placements")
