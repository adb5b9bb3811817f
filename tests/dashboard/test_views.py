"""The coordinator's dashboard at `/`: each card counts what the list behind it shows, links to that list,
says "all clear" when there is nothing, and narrows to one school; and who is sent elsewhere."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from dashboard.models import ExportJob
from partnerships.models import Partnership, Side
from safety.models import SafetyConcern
from safety.templatetags.safety_tags import due_hint
from students.models import ImportJob, Placement
from tests.factories import (
    BackgroundCheckFactory,
    CharterFactory,
    CheckInFactory,
    ContactFactory,
    GradingPeriodFactory,
    LogEntryFactory,
    PartnershipFactory,
    PlacementFactory,
    PointOfContactFactory,
    SafetyConcernFactory,
    SafetyProtocolFactory,
    SchoolFactory,
    SiteVisitFactory,
    ThankYouNoteFactory,
    UserFactory,
    active_partnership,
)
from tests.helpers import days_ago

pytestmark = pytest.mark.django_db

Status = Partnership.Status


def cards(client, **query):
    response = client.get("/", query)
    assert response.status_code == 200
    return response, response.context["cards"]


def test_every_card_says_all_clear_when_there_is_nothing_to_do(coordinator_client):
    response, by_key = cards(coordinator_client)

    assert all(card.count == 0 for card in by_key.values())
    assertContains(response, "All clear: nothing needs your attention today.")
    assertContains(response, 'href="/partnerships/?sort=health">Partnerships, least healthy first</a>')
    for card in by_key.values():
        assertContains(response, f"All clear. {card.clear}")


def test_check_ins_overdue_lists_the_longest_waiting_first_with_when_it_was_due(coordinator_client):
    longest = PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(40), student__legal_first_name="Ada")
    PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(20), student__legal_first_name="Bo")
    checked = PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(40))
    CheckInFactory(placement=checked, date=days_ago(2))

    response, by_key = cards(coordinator_client)

    card = by_key["check_ins"]
    assert card.count == 2
    assert [p.student.legal_first_name for p in card.rows] == ["Ada", "Bo"]
    assert card.rows[0].next_due == days_ago(26)
    assertContains(response, f"due {days_ago(26):%-d %b} ({due_hint(days_ago(26))})")
    assertContains(response, f'href="{reverse("safety:placement", args=[longest.pk])}"')
    assertContains(response, 'href="/safety/?show=check_ins#check-ins"')


def test_missing_a_point_of_contact_lists_live_partnerships_without_a_primary_on_a_side(coordinator_client):
    PartnershipFactory(name="Nobody Named Yet", status=Status.ONBOARDING)
    school_only = PartnershipFactory(name="School Side Only", status=Status.ACTIVE)
    PointOfContactFactory(partnership=school_only, side=Side.SCHOOL)
    PartnershipFactory(name="Early Prospect", status=Status.PROSPECT)
    active_partnership(name="Fully Staffed")

    response, by_key = cards(coordinator_client)

    assert [p.name for p in by_key["missing_contact"].rows] == ["Nobody Named Yet", "School Side Only"]
    assertContains(response, "no primary on either side")
    assertContains(response, "no primary on the business side")
    assertNotContains(response, "Early Prospect")
    assertNotContains(response, "Fully Staffed")
    assertContains(response, 'href="/partnerships/?needs=contact"')  # the same list, filtered


def test_background_checks_count_expiring_and_expired_apart_and_list_both(coordinator_client):
    expiring = BackgroundCheckFactory(expires_on=days_ago(-10), contact__first_name="Erin")
    expired = BackgroundCheckFactory(expires_on=days_ago(3), completed_on=days_ago(400), contact__first_name="Ezra")
    BackgroundCheckFactory(expires_on=days_ago(-400))  # fine for a year

    response, by_key = cards(coordinator_client)

    card = by_key["checks"]
    assert [(label, n) for label, n, _url in card.parts] == [("Expiring", 1), ("Expired", 1)]
    assert card.rows == [expired, expiring]
    assert card.urgent
    assertContains(response, f"expired {days_ago(3):%-d %b %Y}")
    assertContains(response, f"expires {days_ago(-10):%-d %b %Y}")
    assertContains(response, 'href="/safety/?show=expired#expired"')


def test_open_concerns_are_counted_by_severity_most_serious_first(coordinator_client):
    SafetyConcernFactory(severity=SafetyConcern.Severity.HIGH)
    SafetyConcernFactory.create_batch(2, severity=SafetyConcern.Severity.LOW)
    SafetyConcernFactory(
        severity=SafetyConcern.Severity.MEDIUM, status=SafetyConcern.Status.RESOLVED, resolution="Done."
    )

    _response, by_key = cards(coordinator_client)

    card = by_key["concerns"]
    assert [(label, n) for label, n, _url in card.parts] == [("High", 1), ("Medium", 0), ("Low", 2)]
    assert (card.count, card.urgent) == (3, True)


def test_site_visits_due_count_sites_with_students_and_no_visit_this_grading_period(coordinator_client):
    GradingPeriodFactory(name="Quarter 2")
    PlacementFactory(status=Placement.Status.ACTIVE)
    visited = PlacementFactory(status=Placement.Status.ACTIVE)
    SiteVisitFactory(partnership=visited.partnership, completed_on=days_ago(1), scheduled_for=days_ago(1))

    response, by_key = cards(coordinator_client)

    assert by_key["visits"].count == 1
    assertContains(response, "Site visits due in Quarter 2")


def test_no_site_visit_is_due_between_grading_periods(coordinator_client):
    PlacementFactory(status=Placement.Status.ACTIVE)

    _response, by_key = cards(coordinator_client)

    assert by_key["visits"].count == 0


def test_partners_not_contacted_count_the_live_partnerships_silent_past_the_cadence(coordinator_client):
    active_partnership(last_contacted_at=timezone.now() - datetime.timedelta(days=45))
    active_partnership(last_contacted_at=timezone.now() - datetime.timedelta(days=2))
    PartnershipFactory(status=Status.ENDED, end_date=days_ago(1), start_date=days_ago(90))

    response, by_key = cards(coordinator_client)

    assert by_key["not_contacted"].count == 1
    assertContains(response, "Partners not contacted in 30 days")


def test_acknowledgments_pending_count_current_charters_and_businesses_owing_protocols(coordinator_client):
    # Charters of partnerships being set up: their businesses owe no protocols yet.
    CharterFactory(partnership__status=Status.ONBOARDING)
    CharterFactory(partnership__status=Status.ONBOARDING, acknowledged_by=UserFactory(), acknowledged_at=timezone.now())
    SafetyProtocolFactory()
    PlacementFactory(status=Placement.Status.APPROVED)  # its business must acknowledge the protocols

    _response, by_key = cards(coordinator_client)

    assert [(label, n, url) for label, n, url in by_key["acknowledgments"].parts] == [
        ("Charters", 1, "/partnerships/?needs=acknowledgment"),
        ("Businesses owing protocols", 1, "/safety/protocols/"),
    ]


def test_follow_ups_due_count_live_entries_owed_today_or_before(coordinator_client):
    LogEntryFactory(follow_up_on=days_ago(1))
    LogEntryFactory(follow_up_on=days_ago(1), follow_up_done=True)
    LogEntryFactory(follow_up_on=days_ago(-5))

    response, by_key = cards(coordinator_client)

    assert by_key["follow_ups"].count == 1
    assertContains(response, 'href="/communications/?follow_up=due"')


def test_thank_you_notes_count_those_to_approve_and_the_partners_not_thanked_this_term(coordinator_client):
    ThankYouNoteFactory(status="submitted", submitted_at=timezone.now())
    thanked = active_partnership()
    ThankYouNoteFactory(partnership=thanked, status="approved", reviewed_at=timezone.now())

    _response, by_key = cards(coordinator_client)

    # The submitted note's partnership has not been thanked yet; the other one has.
    assert [(label, n) for label, n, _url in by_key["thanks"].parts] == [
        ("To approve", 1),
        ("Partners not thanked this term", 1),
    ]


def test_placements_starting_or_ending_soon_link_to_each_filtered_list(coordinator_client):
    PlacementFactory(status=Placement.Status.APPROVED, start_date=days_ago(-3), end_date=days_ago(-60))
    PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(50), end_date=days_ago(-5))
    PlacementFactory(status=Placement.Status.APPROVED, start_date=days_ago(-30), end_date=days_ago(-90))

    response, by_key = cards(coordinator_client)

    assert [(label, n) for label, n, _url in by_key["soon"].parts] == [("Starting", 1), ("Ending", 1)]
    assertContains(response, 'href="/placements/?timing=starting_soon"')
    assertContains(response, 'href="/placements/?timing=ending_soon"')


def test_imports_and_exports_running_are_counted(coordinator_client, coordinator):
    ImportJob.objects.create(kind="students", original_name="a.csv", status=ImportJob.Status.RUNNING)
    ImportJob.objects.create(kind="students", original_name="b.csv", status=ImportJob.Status.DONE)
    ExportJob.objects.create(kind="placements", requested_by=coordinator)
    ExportJob.objects.create(kind="log", requested_by=UserFactory())  # someone else's: not on this page

    _response, by_key = cards(coordinator_client)

    assert [(label, n) for label, n, _url in by_key["jobs"].parts] == [("Imports", 1), ("Your exports", 1)]


def test_narrowed_to_one_school_every_card_counts_only_that_schools_rows(coordinator_client):
    lincoln, hamilton = SchoolFactory(name="Lincoln High"), SchoolFactory(name="Hamilton High")
    for school in (lincoln, hamilton):
        PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(40), partnership__school=school)
        PartnershipFactory(status=Status.ONBOARDING, school=school)
        LogEntryFactory(follow_up_on=days_ago(1), partnership=active_partnership(school=school))
    hamiltons_business = active_partnership(school=hamilton).business
    BackgroundCheckFactory(expires_on=days_ago(-10), contact=ContactFactory(organization=hamiltons_business))

    response, by_key = cards(coordinator_client, school=lincoln.pk)

    assert (by_key["check_ins"].count, by_key["missing_contact"].count, by_key["follow_ups"].count) == (1, 1, 1)
    assert by_key["checks"].count == 0
    assert {p.student.school for p in by_key["check_ins"].rows} == {lincoln}
    assertContains(response, '<h1 class="h3 mb-1">Dashboard: Lincoln High</h1>', html=False)
    assertContains(response, f'<option value="{lincoln.pk}" selected>Lincoln High</option>', html=False)
    _response, everywhere = cards(coordinator_client)
    assert (everywhere["check_ins"].count, everywhere["checks"].count) == (2, 1)


def test_a_narrowed_card_links_to_its_page_narrowed_alike_which_lists_what_the_card_counted(coordinator_client):
    lincoln, hamilton = SchoolFactory(name="Lincoln High"), SchoolFactory(name="Hamilton High")
    for school in (lincoln, hamilton):
        placement = PlacementFactory(
            status=Placement.Status.ACTIVE, start_date=days_ago(40), partnership__school=school
        )
        SafetyConcernFactory(placement=placement)
        business = placement.partnership.business
        BackgroundCheckFactory(expires_on=days_ago(-10), contact=ContactFactory(organization=business))
        LogEntryFactory(follow_up_on=days_ago(1), partnership=active_partnership(school=school))

    _response, by_key = cards(coordinator_client, school=lincoln.pk)

    def listed(card_url: str, list_key: str) -> int:
        page = coordinator_client.get(card_url)
        assert page.status_code == 200
        return page.context["s"][list_key]["count"]

    assert all(f"school={lincoln.pk}" in by_key[key].url for key in ("check_ins", "concerns", "checks", "follow_ups"))
    assert listed(by_key["check_ins"].url, "check_ins") == by_key["check_ins"].count == 1
    assert listed(by_key["concerns"].url, "concerns") == by_key["concerns"].count == 1
    (_label, expiring, expiring_url), _expired = by_key["checks"].parts
    assert listed(expiring_url, "expiring") == expiring == 1
    log = coordinator_client.get(by_key["follow_ups"].url)
    assert log.context["page"].paginator.count == by_key["follow_ups"].count == 1


def test_the_narrowed_thanks_card_links_to_the_thank_you_notes_narrowed_alike(coordinator_client):
    lincoln, hamilton = SchoolFactory(name="Lincoln High"), SchoolFactory(name="Hamilton High")
    for school in (lincoln, hamilton):
        ThankYouNoteFactory(status="submitted", partnership=active_partnership(school=school))

    _response, by_key = cards(coordinator_client, school=lincoln.pk)

    (_label, to_approve, approve_url), (_label2, not_thanked, not_thanked_url) = by_key["thanks"].parts
    assert f"school={lincoln.pk}" in approve_url and f"school={lincoln.pk}" in not_thanked_url
    waiting = coordinator_client.get(approve_url)
    assert waiting.context["page"].paginator.count == to_approve == 1
    assert {note.partnership.school for note in waiting.context["page"]} == {lincoln}
    partners = coordinator_client.get(not_thanked_url.removesuffix("#thanked-h")).context
    assert partners["active_count"] - partners["thanked_count"] == not_thanked == 1


def test_an_unknown_school_shows_every_school_and_says_so(coordinator_client):
    PlacementFactory(status=Placement.Status.ACTIVE, start_date=days_ago(40))

    response, by_key = cards(coordinator_client, school="999999")

    assert by_key["check_ins"].count == 1
    assertContains(response, "That school is not in the district: the dashboard shows every school.")


def test_dashboard_sends_a_partner_to_the_portal(partner_a_client):
    response = partner_a_client.get("/")
    assertRedirects(response, "/portal/")


def test_dashboard_sends_an_anonymous_visitor_to_the_login_page(anon_client):
    response = anon_client.get("/")
    assertRedirects(response, "/accounts/login/?next=/")
