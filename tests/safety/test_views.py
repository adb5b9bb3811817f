"""The coordinator's safety pages in safety/views.py, with good and bad input.

The coordinator persona (Cora Ordinator) does the work; partner A sees none of it.
"""

import datetime
import html

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from safety.models import (
    BackgroundCheck,
    CheckIn,
    GradingPeriod,
    SafetyConcern,
    SafetyPolicy,
    SafetyProtocol,
    SiteVisit,
)
from students.models import Placement
from tests.factories import (
    BackgroundCheckFactory,
    CheckInFactory,
    ContactFactory,
    GradingPeriodFactory,
    SafetyConcernFactory,
    SafetyPolicyFactory,
    SiteVisitFactory,
    UserFactory,
    ready_placement,
)

pytestmark = pytest.mark.django_db

Status = Placement.Status


def url(name: str, *args) -> str:
    return reverse(f"safety:{name}", args=args)


def transition(placement, status: str) -> str:
    return reverse("students:placement_transition", args=[placement.pk, status])


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    """The day `n` days from today (negative: in the past)."""
    return today() + datetime.timedelta(days=n)


def iso(day: datetime.date) -> str:
    return day.isoformat()


def day(value: datetime.date) -> str:
    """A date as the pages write it: 5 Mar 2026."""
    return f"{value.day} {value:%b %Y}"


def flashed(response) -> list[str]:
    """The messages a view added for the next page."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def text(response) -> str:
    """The page as a reader sees its words: HTML entities decoded."""
    return html.unescape(response.content.decode())


def section(response, section_id: str) -> str:
    """The words of one <section id="..."> of a page."""
    page = text(response)
    start = page.index(f'<section id="{section_id}"')
    return page[start : page.index("</section>", start)]


def person(first: str, last: str, **kwargs):
    return ContactFactory(first_name=first, last_name=last, **kwargs)


# Dashboard ----------------------------------------------------------------------------------------


def test_the_dashboard_lists_what_is_due_each_linked_to_its_fix(coordinator_client):
    GradingPeriodFactory(name="Spring term")
    expiring = BackgroundCheckFactory(contact=person("Erin", "Expiring"), expires_on=days(20))
    overdue = ready_placement(
        status=Status.ACTIVE, start_date=days(-40), student__legal_first_name="Noah", student__last_name="Overdue"
    )
    CheckInFactory(placement=overdue, date=days(-20))  # due every 14 days: 6 days overdue
    concern = SafetyConcernFactory(placement=overdue, severity=SafetyConcern.Severity.HIGH, description="Left alone.")
    lapsing = ready_placement(
        status=Status.ACTIVE, student__legal_first_name="Lena", student__last_name="Lapse", end_date=days(90)
    )
    CheckInFactory(placement=lapsing, date=today())
    BackgroundCheck.objects.filter(contact=lapsing.mentor).update(expires_on=days(50))

    response = coordinator_client.get(url("dashboard"))

    assert response.status_code == 200
    assertContains(response, "Grading period: <strong>Spring term</strong>")

    checks = section(response, "expiring")
    assert "Erin Expiring" in checks
    assert f"expires {day(days(20))}" in checks
    assert f"?contact={expiring.contact_id}&next=" in checks  # "Record the new check"

    check_ins = section(response, "check-ins")
    assert "Noah Overdue at" in check_ins
    assert f"Due {day(days(-6))}" in check_ins
    assert "6 days overdue" in check_ins
    assert "Lena Lapse" not in check_ins  # checked in today

    visits = section(response, "visits")
    assert "Site visits due in Spring term" in visits
    assert overdue.partnership.name in visits
    assert "0 of 1 visit done" in visits
    assert f"?partnership={overdue.partnership_id}&next=" in visits  # "Schedule a visit"

    concerns = section(response, "concerns")
    assert "High severity" in concerns
    assert url("concern_detail", concern.pk) in concerns
    assert "Left alone." in concerns

    lapses = section(response, "lapsing")
    assert "Lena Lapse at" in lapses
    assert f"Mentor {lapsing.mentor.full_name}'s check expires {day(days(50))}" in lapses
    assert "Noah Overdue" not in lapses  # cleared past its end

    assert "No background checks are waiting for a result." in section(response, "pending")


def test_the_dashboard_says_so_when_nothing_is_due(coordinator_client):
    GradingPeriodFactory(name="Spring term")
    placement = ready_placement(status=Status.ACTIVE, start_date=days(-20))
    CheckInFactory(placement=placement, date=today())
    SiteVisitFactory(partnership=placement.partnership, placements=[placement])
    SafetyConcernFactory(placement=placement, status=SafetyConcern.Status.RESOLVED, resolution="Talked it through.")

    response = coordinator_client.get(url("dashboard"))

    assert "No concerns are open." in section(response, "concerns")
    assert "No check-ins are overdue or due in the next 3 days." in section(response, "check-ins")
    assert "Every active placement's checks last until it ends." in section(response, "lapsing")
    assert "Every site with active placements has had its visits this period." in section(response, "visits")
    assert "No background checks are expiring soon." in section(response, "expiring")
    assert "No one's latest background check has expired." in section(response, "expired")
    assert "No background checks are waiting for a result." in section(response, "pending")


# Background checks --------------------------------------------------------------------------------


def test_the_check_list_filters_by_state(coordinator_client, coordinator):
    BackgroundCheckFactory(contact=person("Erin", "Expiring"), expires_on=days(20))
    BackgroundCheckFactory(contact=person("Ezra", "Expired"), completed_on=days(-800), expires_on=days(-5))
    BackgroundCheckFactory(contact=person("Pia", "Pending"), status="pending", completed_on=None, expires_on=None)
    BackgroundCheckFactory(contact=person("Cleo", "Cleared"))
    BackgroundCheckFactory(
        contact=person("Vic", "Voided"), voided_at=timezone.now(), voided_by=coordinator, void_reason="Wrong person"
    )
    names = ["Erin Expiring", "Ezra Expired", "Pia Pending", "Cleo Cleared", "Vic Voided"]

    def listed(query: str) -> list[str]:
        page = text(coordinator_client.get(url("check_list") + query))
        return [name for name in names if name in page]

    assert listed("") == ["Erin Expiring", "Ezra Expired", "Pia Pending", "Cleo Cleared"]
    assert listed("?state=expiring") == ["Erin Expiring"]
    assert listed("?state=expired") == ["Ezra Expired"]
    assert listed("?state=pending") == ["Pia Pending"]
    assert listed("?state=cleared") == ["Erin Expiring", "Cleo Cleared"]
    assert listed("?state=voided") == ["Vic Voided"]
    response = coordinator_client.get(url("check_list") + "?state=voided")
    assertContains(response, "by Cora Ordinator")
    assertContains(response, "1 background check")


def test_recording_a_cleared_check_takes_its_expiry_from_the_policy(coordinator_client, coordinator):
    dana = person("Dana", "Lee")

    response = coordinator_client.post(
        url("check_create"),
        {"contact": dana.pk, "status": "cleared", "provider": "Sterling", "completed_on": iso(days(-1))},
    )

    assertRedirects(response, url("check_list"))
    expires = days(-1) + datetime.timedelta(days=730)
    assert flashed(response) == [f"Background check of Dana Lee recorded: cleared until {day(expires)}."]
    check = BackgroundCheck.objects.get(contact=dana)
    assert (check.status, check.expires_on, check.recorded_by) == ("cleared", expires, coordinator)


def test_a_check_completed_in_the_future_is_refused_keeping_what_was_typed(coordinator_client):
    dana = person("Dana", "Lee")

    response = coordinator_client.post(
        url("check_create"),
        {
            "contact": dana.pk,
            "status": "cleared",
            "provider": "Sterling Screening",
            "reference": "REF-42",
            "completed_on": iso(days(2)),
        },
    )

    assert response.status_code == 200
    assertContains(response, "This date is in the future.")
    assertContains(response, 'value="REF-42"')
    assertContains(response, 'value="Sterling Screening"')
    assertContains(response, f'value="{iso(days(2))}"')
    assertContains(response, f'<option value="{dana.pk}" selected>')
    assert not BackgroundCheck.objects.exists()


def test_the_contact_parameter_picks_the_person_and_says_what_is_on_record(coordinator_client):
    dana = person("Dana", "Lee")
    BackgroundCheckFactory(contact=dana, completed_on=days(-800), expires_on=days(-5))

    response = coordinator_client.get(url("check_create") + f"?contact={dana.pk}")

    assertContains(response, f'<option value="{dana.pk}" selected>')
    assert f"Dana Lee ({dana.organization.name}): the latest check is expired on {day(days(-5))}." in text(response)


def test_a_placement_starts_once_its_mentor_check_is_recorded_from_the_checklist(coordinator_client):
    placement = ready_placement()
    mentor = person("Nia", "Newmentor", organization=placement.partnership.business)
    Placement.objects.filter(pk=placement.pk).update(mentor=mentor)

    response = coordinator_client.post(transition(placement, "active"))
    assert response.status_code == 200
    assert "This placement cannot start yet." in text(response)
    assert "Mentor Nia Newmentor has no background check." in text(response)
    placement.refresh_from_db()
    assert placement.status == Status.APPROVED

    back = placement.get_absolute_url() + "#readiness"
    response = coordinator_client.post(
        url("check_create") + f"?contact={mentor.pk}&next={placement.get_absolute_url()}%23readiness",
        {"contact": mentor.pk, "status": "pending", "requested_on": iso(days(-3))},
    )
    assert response["Location"] == back
    check = BackgroundCheck.objects.get(contact=mentor)
    coordinator_client.post(transition(placement, "active"))
    placement.refresh_from_db()
    assert placement.status == Status.APPROVED  # still pending

    response = coordinator_client.post(
        check.get_absolute_url(),
        {"status": "cleared", "requested_on": iso(days(-3)), "completed_on": iso(days(-1))},
    )
    assertRedirects(response, check.get_absolute_url())
    assertContains(coordinator_client.get(check.get_absolute_url()), "Status: Pending → Cleared")

    response = coordinator_client.post(transition(placement, "active"))
    assertRedirects(response, placement.get_absolute_url())
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE


def test_voiding_a_check_asks_first_needs_a_reason_and_keeps_it_on_record(coordinator_client, coordinator):
    check = BackgroundCheckFactory(contact=person("Dana", "Lee"))
    void_url = url("check_void", check.pk)

    response = coordinator_client.get(void_url)
    assert response.status_code == 200
    assertContains(response, "Void the background check of Dana Lee?")
    assertContains(response, "Void check")

    response = coordinator_client.post(void_url, {"reason": "  "})
    assert response.status_code == 200
    assertContains(response, "Say why this record is voided: it stays in the history.")
    check.refresh_from_db()
    assert not check.is_voided

    response = coordinator_client.post(void_url, {"reason": "Entered for the wrong person"})
    assertRedirects(response, check.get_absolute_url())
    assert flashed(response) == ["The background check of Dana Lee voided. It stays on record, marked void."]
    check.refresh_from_db()
    assert (check.is_voided, check.voided_by, check.void_reason) == (True, coordinator, "Entered for the wrong person")
    assert BackgroundCheck.objects.filter(pk=check.pk).exists()

    page = coordinator_client.get(check.get_absolute_url())
    assertContains(page, "Voided by Cora Ordinator on")
    assert "<strong>Voided</strong> by Cora Ordinator" in text(page)
    assert "“Entered for the wrong person”" in text(page)
    assertNotContains(page, "Save check")
    assertNotContains(page, "Void this check")
    assert coordinator_client.post(check.get_absolute_url(), {"status": "pending"}).status_code == 403

    assertNotContains(coordinator_client.get(url("check_list")), "Dana Lee")
    voided = coordinator_client.get(url("check_list") + "?state=voided")
    assertContains(voided, "Dana Lee")
    assertContains(voided, '<span class="badge text-bg-dark">Voided</span>')


# Site visits and check-ins ------------------------------------------------------------------------


def test_recording_a_visit_as_completed_needs_findings(coordinator_client, coordinator):
    GradingPeriodFactory(name="Spring term")
    placement = ready_placement(status=Status.ACTIVE)
    visit = SiteVisitFactory(scheduled=True, partnership=placement.partnership, placements=[placement])
    data = {
        "scheduled_for": iso(today()),
        "visitor": coordinator.pk,
        "placements": [placement.pk],
        "status": "completed",
        "completed_on": iso(today()),
        "findings": "",
    }

    response = coordinator_client.post(url("visit_edit", visit.pk), data)
    assert response.status_code == 200
    assertContains(response, "Say what you found, even if all was well.")
    visit.refresh_from_db()
    assert visit.status == SiteVisit.Status.SCHEDULED

    response = coordinator_client.post(url("visit_edit", visit.pk), {**data, "findings": "Safe and supervised."})
    assertRedirects(response, placement.partnership.get_absolute_url() + "#safety", fetch_redirect_response=False)
    business = placement.partnership.business.name
    assert flashed(response) == [f"Site visit to {business} on {day(today())} recorded."]
    visit.refresh_from_db()
    assert (visit.status, visit.completed_on, visit.findings) == ("completed", today(), "Safe and supervised.")
    page = coordinator_client.get(url("dashboard"))
    assert placement.partnership.name not in section(page, "visits")


def test_recording_a_check_in(coordinator_client, coordinator):
    placement = ready_placement(
        status=Status.ACTIVE, start_date=days(-20), student__legal_first_name="Maya", student__last_name="Okonkwo"
    )
    data = {"placement": placement.pk, "date": iso(days(1)), "mode": "phone", "wellbeing": 4, "notes": "Fine"}

    response = coordinator_client.post(url("check_in_create"), data)
    assert response.status_code == 200
    assertContains(response, "Record a check-in once it has happened: choose today or earlier.")
    assert not CheckIn.objects.exists()

    response = coordinator_client.post(
        url("check_in_create") + f"?placement={placement.pk}", {**data, "date": iso(today())}
    )
    assertRedirects(response, placement.get_absolute_url() + "#safety", fetch_redirect_response=False)
    assert flashed(response) == [f"Check-in with Maya Okonkwo recorded. Next check-in due {day(days(14))}."]
    check_in = CheckIn.objects.get()
    assert (check_in.by, check_in.date, check_in.wellbeing, check_in.notes) == (coordinator, today(), 4, "Fine")


def test_a_placement_that_has_not_started_takes_no_check_in(coordinator_client):
    planned = ready_placement(status=Status.APPROVED)
    active = ready_placement(status=Status.ACTIVE)

    form = coordinator_client.get(url("check_in_create"))
    assertContains(form, f'<option value="{active.pk}"')
    assertNotContains(form, f'<option value="{planned.pk}"')

    response = coordinator_client.post(
        url("check_in_create"), {"placement": planned.pk, "date": iso(today()), "mode": "phone", "wellbeing": 3}
    )
    assert response.status_code == 200
    assertContains(response, "Select a valid choice.")
    assert not CheckIn.objects.exists()


# Concerns -----------------------------------------------------------------------------------------


def test_a_high_severity_concern_pauses_the_placement_and_emails_the_safety_lead(
    coordinator_client, coordinator, django_capture_on_commit_callbacks
):
    SafetyPolicyFactory(safety_lead=UserFactory(email="lead@example.test"))
    placement = ready_placement(status=Status.ACTIVE, student__legal_first_name="Maya", student__last_name="Okonkwo")

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("concern_create") + f"?placement={placement.pk}",
            {"placement": placement.pk, "severity": "high", "description": "Left alone with a stranger."},
        )

    concern = SafetyConcern.objects.get()
    assertRedirects(response, url("concern_detail", concern.pk))
    business = placement.partnership.business.name
    assert flashed(response) == [
        f"Concern reported. Maya Okonkwo at {business} is paused. The safety lead is being told by email."
    ]
    assert (concern.student, concern.partnership, concern.reported_by) == (
        placement.student,
        placement.partnership,
        coordinator,
    )
    placement.refresh_from_db()
    assert placement.status == Status.PAUSED
    assert [email.to for email in mail.outbox] == [["lead@example.test"]]
    assert "Okonkwo" not in mail.outbox[0].subject


def test_a_concern_about_no_placement_needs_the_student_and_partnership(coordinator_client):
    response = coordinator_client.post(url("concern_create"), {"severity": "low", "description": "Worried."})

    assert response.status_code == 200
    assertContains(response, "Choose the student, or the placement the concern is about.")
    assertContains(response, "Choose the partnership, or the placement the concern is about.")
    assert not SafetyConcern.objects.exists()


def test_resolving_a_concern_needs_a_resolution(coordinator_client):
    concern = SafetyConcernFactory()
    page = url("concern_detail", concern.pk)

    response = coordinator_client.post(page, {"status": "resolved", "resolution": " "})
    assert response.status_code == 200
    assertContains(response, "Say how the concern was resolved.")
    concern.refresh_from_db()
    assert concern.status == SafetyConcern.Status.OPEN

    response = coordinator_client.post(page, {"status": "resolved", "resolution": "A second adult is now on site."})
    assertRedirects(response, page)
    assert flashed(response) == ["Concern marked as resolved."]
    concern.refresh_from_db()
    assert (concern.status, concern.resolution) == ("resolved", "A second adult is now on site.")
    assertContains(coordinator_client.get(page), "A second adult is now on site.")


# Protocols ----------------------------------------------------------------------------------------


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
    card = section(coordinator_client.get(placement.partnership.get_absolute_url()), "safety")
    assert "Missing</span>" in card and "Supervision rules" in card
    assert f"?organization={business.pk}#acknowledge" in card

    coordinator_client.post(url("protocol_detail", v2.pk), {"organization": business.pk, "by_name": "Olga Owner"})
    card = section(coordinator_client.get(placement.partnership.get_absolute_url()), "safety")
    assert "Acknowledged</span>" in card and "Missing</span>" not in card
    assertRedirects(coordinator_client.post(transition(placement, "active")), placement.get_absolute_url())
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE


# Policy -------------------------------------------------------------------------------------------


def test_the_policy_refuses_overlapping_grading_periods_and_saves_good_ones(coordinator_client, coordinator):
    first = GradingPeriodFactory(name="Fall", start_date=days(-30), end_date=days(30))
    data = {
        "check_valid_days": 365,
        "renewal_window_days": 45,
        "checks_required_for": "everyone",
        "student_check_in_days": 7,
        "site_visits_per_period": 2,
        "partner_check_in_days": 30,
        "safety_lead": coordinator.pk,
        "periods-TOTAL_FORMS": 2,
        "periods-INITIAL_FORMS": 1,
        "periods-MIN_NUM_FORMS": 0,
        "periods-MAX_NUM_FORMS": 1000,
        "periods-0-id": first.pk,
        "periods-0-name": "Fall",
        "periods-0-start_date": iso(days(-30)),
        "periods-0-end_date": iso(days(30)),
        "periods-1-name": "Spring",
        "periods-1-start_date": iso(days(30)),
        "periods-1-end_date": iso(days(120)),
    }

    response = coordinator_client.post(url("policy_edit"), data)
    assert response.status_code == 200
    assertContains(response, f"Spring overlaps Fall, which ends on {days(30):%d %b %Y}.")
    assert GradingPeriod.objects.count() == 1
    assert SafetyPolicy.current().check_valid_days == 730

    response = coordinator_client.post(url("policy_edit"), {**data, "periods-1-start_date": iso(days(31))})
    assertRedirects(response, url("policy_edit"))
    assert flashed(response) == ["Safety policy saved. Due dates everywhere follow it from now on."]
    policy = SafetyPolicy.current()
    assert (policy.check_valid_days, policy.student_check_in_days, policy.safety_lead) == (365, 7, coordinator)
    assert list(GradingPeriod.objects.order_by("start_date").values_list("name", "start_date")) == [
        ("Fall", days(-30)),
        ("Spring", days(31)),
    ]


# Safety cards on other pages ------------------------------------------------------------------------


def test_the_placement_page_shows_its_safety_card(coordinator_client):
    placement = ready_placement(status=Status.ACTIVE, start_date=days(-20))
    CheckInFactory(placement=placement, date=days(-4))
    expires = BackgroundCheck.objects.get(contact=placement.mentor).expires_on

    card = section(coordinator_client.get(placement.get_absolute_url()), "safety")

    assert f"Cleared</span> Mentor {placement.mentor.full_name}" in card
    assert f"cleared until {day(expires)}, past the end date" in card
    assert f"Next check-in due <strong>{day(days(10))}</strong>" in card
    assert "(due in 10 days)" in card

    pending = ready_placement(status=Status.APPROVED)
    BackgroundCheck.objects.filter(contact=pending.mentor).update(status="pending", completed_on=None, expires_on=None)
    card = section(coordinator_client.get(pending.get_absolute_url()), "safety")
    assert f"Pending</span> Mentor {pending.mentor.full_name}" in card
    assert "still pending" in card
    assert "Check-ins are due once the placement starts." in card


# Who may see ---------------------------------------------------------------------------------------


def test_a_partner_gets_404_on_safety_pages(partner_a_client, business_a):
    check = BackgroundCheckFactory(contact=ContactFactory(organization=business_a))
    for page in (url("dashboard"), url("check_list"), check.get_absolute_url(), url("check_create")):
        assert partner_a_client.get(page).status_code == 404
    assert partner_a_client.post(url("check_void", check.pk), {"reason": "x"}).status_code == 404
    check.refresh_from_db()
    assert not check.is_voided
