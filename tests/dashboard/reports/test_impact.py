"""The impact report of a partnership, and of a business across its partnerships: each figure counted in
the period and not outside it, the period's form, and nothing private about a student."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from communications.models import LogEntry, SuccessStory, ThankYouNote
from dashboard.reports.forms import school_year
from partnerships.models import Commitment
from students.models import Placement
from tests.factories import (
    BusinessFactory,
    CommitmentDeliveryFactory,
    CommitmentFactory,
    FeedbackResponseFactory,
    HoursEntryFactory,
    LearningGoalFactory,
    LogEntryFactory,
    PlacementFactory,
    RatingFactory,
    SchoolFactory,
    StudentFactory,
    SuccessStoryFactory,
    ThankYouNoteFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 8, 1), datetime.date(2027, 7, 31)
PERIOD = {"start": "2026-08-01", "end": "2027-07-31"}
INSIDE = datetime.date(2026, 9, 15)
BEFORE = datetime.date(2026, 7, 31)
AFTER = datetime.date(2027, 8, 1)


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def record_everything(partnership, *, on: datetime.date, student=None, coordinator=None, tag: str = ""):
    """One of each thing the report counts, on the day `on`, for `partnership`."""
    placement = PlacementFactory(
        partnership=partnership,
        status=Placement.Status.ACTIVE,
        start_date=on,
        end_date=on,
        **({"student": student} if student else {}),
    )
    HoursEntryFactory(placement=placement, date=on, hours=Decimal("4"), verified_at=at(on), verified_by="Ana Mentor")
    HoursEntryFactory(placement=placement, date=on, hours=Decimal("9"))  # not verified: not counted
    LogEntryFactory(partnership=partnership, occurred_at=at(on), channel=LogEntry.Channel.MEETING)
    goal = LearningGoalFactory(placement=placement, skill="Teamwork")
    RatingFactory(evaluation__placement=placement, evaluation__submitted_at=at(on), learning_goal=goal, score=2)
    FeedbackResponseFactory(request__partnership=partnership, request__created_at=at(on), would_recommend=10)
    SuccessStoryFactory(
        partnership=partnership,
        title=f"Robot arm story {tag}",
        status=SuccessStory.Status.PUBLISHED,
        publish_on=on,
        approved_by=coordinator,
        approved_at=at(on),
    )
    ThankYouNoteFactory(
        partnership=partnership,
        status=ThankYouNote.Status.APPROVED,
        body=f"Thank you for the robot lab {tag}.",
        signed_as="Sam R.",
        reviewed_at=at(on),
        delivered_at=at(on),
    )
    commitment = CommitmentFactory(
        partnership=partnership, amount=Decimal("10"), period_start=on, period_end=on, description=f"Mentoring {tag}"
    )
    CommitmentDeliveryFactory(commitment=commitment, amount=Decimal("10"), date=on)
    return placement


@pytest.fixture
def acme():
    return BusinessFactory(name="Acme Robotics")


@pytest.fixture
def partnership(acme):
    return active_partnership(business=acme, name="Riverside High × Acme Robotics")


def report_of(client, partnership, **query):
    response = client.get(reverse("reports:partnership_impact", args=[partnership.pk]), query or PERIOD)
    assert response.status_code == 200
    return response.context["report"]


def test_each_figure_counts_what_happened_in_the_period_and_nothing_before_or_after(
    coordinator_client, coordinator, partnership
):
    record_everything(partnership, on=INSIDE, coordinator=coordinator, tag="inside")
    record_everything(partnership, on=BEFORE, coordinator=coordinator, tag="before")
    record_everything(partnership, on=AFTER, coordinator=coordinator, tag="after")

    report = report_of(coordinator_client, partnership)

    assert report.students_served == 1
    assert report.hours == Decimal("4")
    assert report.events == [("Meeting", 1)]
    assert report.events_total == 1
    assert [(row["learning_goal__skill"], row["average"], row["ratings"]) for row in report.skills] == [
        ("Teamwork", 2.0, 1)
    ]
    assert (report.surveys["sent"], report.surveys["answered"], report.surveys["nps"]) == (1, 1, 100)
    assert [story.title for story in report.stories] == ["Robot arm story inside"]
    assert [note.body for note in report.thanks] == ["Thank you for the robot lab inside."]
    assert report.thanks_delivered == 1
    assert [c.description for c in report.commitments] == ["Mentoring inside"]
    assert report.commitments_kept == 1


def test_hours_and_students_count_placements_that_overlap_the_period_and_hours_dated_in_it(
    coordinator_client, partnership
):
    placement = PlacementFactory(
        partnership=partnership, status=Placement.Status.COMPLETED, start_date=BEFORE, end_date=INSIDE
    )
    verified = {"verified_at": at(INSIDE), "verified_by": "Ana Mentor"}
    HoursEntryFactory(placement=placement, date=BEFORE, hours=Decimal("5"), **verified)
    HoursEntryFactory(placement=placement, date=INSIDE, hours=Decimal("2.5"), **verified)
    PlacementFactory(partnership=partnership, status=Placement.Status.PROPOSED, start_date=INSIDE, end_date=INSIDE)

    report = report_of(coordinator_client, partnership)

    assert report.students_served == 1  # a proposed placement has served no one yet
    assert report.hours == Decimal("2.5")


def test_only_stories_whose_every_student_has_media_consent_are_shown(coordinator_client, coordinator, partnership):
    consenting = StudentFactory(media_consent=True, media_consent_on=INSIDE)
    not_consenting = StudentFactory(media_consent=False)
    published = {"status": SuccessStory.Status.PUBLISHED, "approved_by": coordinator, "approved_at": at(INSIDE)}
    shown = SuccessStoryFactory(partnership=partnership, title="With consent", publish_on=INSIDE, **published)
    shown.students.set([consenting])
    hidden = SuccessStoryFactory(partnership=partnership, title="Without consent", publish_on=INSIDE, **published)
    hidden.students.set([consenting, not_consenting])
    SuccessStoryFactory(partnership=partnership, title="A draft", publish_on=INSIDE)

    report = report_of(coordinator_client, partnership)

    assert [story.title for story in report.stories] == ["With consent"]


def test_thank_you_notes_waiting_or_rejected_are_left_out(coordinator_client, partnership):
    ThankYouNoteFactory(partnership=partnership, status=ThankYouNote.Status.SUBMITTED, body="Waiting.")
    ThankYouNoteFactory(
        partnership=partnership,
        status=ThankYouNote.Status.REJECTED,
        reviewed_at=at(INSIDE),
        reject_reason="Names a classmate.",
    )
    ThankYouNoteFactory(
        partnership=partnership, status=ThankYouNote.Status.APPROVED, reviewed_at=at(INSIDE), body="Kept."
    )

    report = report_of(coordinator_client, partnership)

    assert [note.body for note in report.thanks] == ["Kept."]
    assert report.thanks_delivered == 0


def test_a_commitment_is_kept_when_what_was_delivered_by_the_end_reaches_what_was_promised(
    coordinator_client, partnership
):
    kept = CommitmentFactory(partnership=partnership, amount=Decimal("6"), description="Six mentors")
    CommitmentDeliveryFactory(commitment=kept, amount=Decimal("6"), date=INSIDE)
    behind = CommitmentFactory(partnership=partnership, amount=Decimal("10"), description="Ten laptops")
    CommitmentDeliveryFactory(commitment=behind, amount=Decimal("4"), date=INSIDE)
    CommitmentDeliveryFactory(commitment=behind, amount=Decimal("6"), date=AFTER)  # too late for this report
    CommitmentFactory(partnership=partnership, status=Commitment.Status.CANCELLED, description="Cancelled")

    report = report_of(coordinator_client, partnership)

    assert [(c.description, c.delivered, c.kept) for c in report.commitments] == [
        ("Six mentors", Decimal("6"), True),
        ("Ten laptops", Decimal("4"), False),
    ]
    assert report.commitments_kept == 1


def test_the_business_report_adds_up_all_its_partnerships_and_no_one_elses(coordinator_client, coordinator, acme):
    first = active_partnership(business=acme, name="Riverside High × Acme Robotics")
    second = active_partnership(business=acme, school=SchoolFactory(name="Lakeside Middle"), name="Lakeside × Acme")
    other = active_partnership(name="Riverside High × Birch Bakery")
    for i, partnership in enumerate((first, second, other)):
        record_everything(partnership, on=INSIDE, coordinator=coordinator, tag=str(i))

    response = coordinator_client.get(reverse("reports:business_impact", args=[acme.pk]), PERIOD)

    report = response.context["report"]
    assert [p.name for p in report.partnerships] == ["Lakeside × Acme", "Riverside High × Acme Robotics"]
    assert report.students_served == 2
    assert report.hours == Decimal("8")
    assert report.events == [("Meeting", 2)]
    assert report.skills[0]["ratings"] == 2
    assert report.surveys["answered"] == 2
    assert sorted(story.title for story in report.stories) == ["Robot arm story 0", "Robot arm story 1"]
    assert len(report.thanks) == 2
    assert report.commitments_kept == 2
    assertNotContains(response, "Birch Bakery")
    assertContains(response, "Impact report: Acme Robotics")


def test_a_business_without_partnerships_gets_an_empty_report_and_a_school_gets_not_found(coordinator_client, acme):
    response = coordinator_client.get(reverse("reports:business_impact", args=[acme.pk]))
    assertContains(response, "Acme Robotics has no partnerships yet.")
    assertContains(response, "No student had a placement here in this period.")

    school = SchoolFactory()
    assert coordinator_client.get(reverse("reports:business_impact", args=[school.pk])).status_code == 404


def test_students_appear_by_first_name_and_last_initial_and_nothing_private(
    coordinator_client, coordinator, partnership
):
    student = StudentFactory(
        legal_first_name="Margarethe",
        preferred_first_name="Maya",
        last_name="Okonkwo",
        date_of_birth=datetime.date(2010, 3, 14),
        district_student_id="S-778812",
        guardian_name="Pat Okonkwo",
        guardian_email="pat.okonkwo@example.test",
    )
    record_everything(partnership, on=INSIDE, student=student, coordinator=coordinator, tag="x")

    for url in (
        reverse("reports:partnership_impact", args=[partnership.pk]),
        reverse("reports:business_impact", args=[partnership.business.pk]),
    ):
        response = coordinator_client.get(url, PERIOD)
        assertContains(response, "Maya O.")
        content = response.content.decode()
        for private in ("Margarethe", "Okonkwo", "S-778812", "2010-03-14", "14 Mar 2010", "pat.okonkwo", "Pat "):
            assert private not in content, f"{private!r} is on {url}"


def test_without_dates_the_report_covers_the_current_school_year(coordinator_client, partnership):
    report = report_of(coordinator_client, partnership, start="", end="")
    start, end = school_year()

    assert (report.period.start, report.period.end) == (start, end)
    assert (
        start.month == 8 and start.day == 1 and end == start.replace(year=start.year + 1) - datetime.timedelta(days=1)
    )


def test_school_year_runs_from_1_august_to_31_july():
    assert school_year(datetime.date(2026, 7, 31)) == (datetime.date(2025, 8, 1), datetime.date(2026, 7, 31))
    assert school_year(datetime.date(2026, 8, 1)) == (datetime.date(2026, 8, 1), datetime.date(2027, 7, 31))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2027-01-01", "end": "2026-08-01"}, "The period ends before it starts"),
        ({"start": "2026-13-01", "end": "2027-07-31"}, "“2026-13-01” is not a date"),
        ({"start": "2026-08-01\x00", "end": "2027-07-31"}, "is not a date"),
        ({"start": "2026-08-01", "end": ""}, "Enter the date the report ends on."),
        ({"start": "9999-06-01", "end": "9999-12-31"}, "Choose a date from 2000 to 2100."),  # was a 500
    ],
)
def test_a_wrong_period_is_kept_in_the_form_with_a_clear_message_and_no_figures(
    coordinator_client, partnership, query, message
):
    response = coordinator_client.get(reverse("reports:partnership_impact", args=[partnership.pk]), query)

    assert response.status_code == 200
    assert response.context["report"] is None
    assertContains(response, message)
    assertContains(response, "Correct the dates above to see the report.")
    assert response.context["form"]["end"].value() == query["end"]


def test_the_partnership_and_organization_pages_link_to_their_impact_reports(coordinator_client, partnership):
    detail = coordinator_client.get(partnership.get_absolute_url())
    assertContains(detail, f'href="{reverse("reports:partnership_impact", args=[partnership.pk])}"')

    organization = coordinator_client.get(partnership.business.get_absolute_url())
    assertContains(organization, f'href="{reverse("reports:business_impact", args=[partnership.business.pk])}"')
