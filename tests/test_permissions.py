"""The permission matrix: every URL pattern, and what anonymous, partner and coordinator users get.

A URL pattern that is not listed in MATRIX fails `test_every_url_pattern_is_in_the_matrix`, so a
new page cannot ship without someone deciding who may open it.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts import signed_links
from communications.calendar.services import calendar_feed_create
from tests.factories import (
    BackgroundCheckFactory,
    CharterFactory,
    CheckInFactory,
    CommitmentFactory,
    ContactFactory,
    FeedbackRequestFactory,
    GoalFactory,
    HoursEntryFactory,
    ImportJobFactory,
    LearningGoalFactory,
    LogEntryFactory,
    NotificationFactory,
    PartnershipRoleFactory,
    PlacementFactory,
    PointOfContactFactory,
    ReminderFactory,
    SafetyConcernFactory,
    SafetyProtocolFactory,
    SignedLinkFactory,
    SiteVisitFactory,
    SuccessStoryFactory,
    ThankYouNoteFactory,
    active_partnership,
)
from tests.factories.invitations import InvitationFactory
from tests.factories.portal_commitments import CommitmentChangeFactory

# Who may open a page, as the expected status code of a GET for each persona.
STAFF = {"anon": 302, "partner": 404, "coordinator": 200}
PUBLIC = {"anon": 200, "partner": 200, "coordinator": 200}
SIGNED_IN = {"anon": 302, "partner": 200, "coordinator": 200}


def no_args(world):
    return {}


# url name -> (access, function of the world giving the URL kwargs)
MATRIX = {
    "home": ({"anon": 302, "partner": 302, "coordinator": 200}, no_args),
    "healthz": (PUBLIC, no_args),
    "livez": (PUBLIC, no_args),
    "login": ({"anon": 200, "partner": 302, "coordinator": 302}, no_args),
    "logout": ({"anon": 405, "partner": 405, "coordinator": 405}, no_args),  # POST only
    "password_change": (SIGNED_IN, no_args),
    "password_change_done": (SIGNED_IN, no_args),
    "password_reset": (PUBLIC, no_args),
    "password_reset_done": (PUBLIC, no_args),
    "password_reset_confirm": (PUBLIC, lambda w: {"uidb64": "MQ", "token": "not-a-token"}),
    "password_reset_complete": (PUBLIC, no_args),
    "partnerships:list": (STAFF, no_args),
    "partnerships:create": (STAFF, no_args),
    "partnerships:detail": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "partnerships:people": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "partnerships:edit": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "partnerships:transition": (STAFF, lambda w: {"pk": w["partnership"].pk, "status": "paused"}),
    "partnerships:charter_edit": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "partnerships:charter_version": (STAFF, lambda w: {"pk": w["partnership"].pk, "version": 1}),
    "partnerships:goal_create": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "partnerships:goal_edit": (STAFF, lambda w: {"pk": w["partnership"].pk, "goal_pk": w["goal"].pk}),
    "partnerships:goal_delete": (STAFF, lambda w: {"pk": w["partnership"].pk, "goal_pk": w["goal"].pk}),
    "partnerships:commitment_create": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "partnerships:commitment_edit": (
        STAFF,
        lambda w: {"pk": w["partnership"].pk, "commitment_pk": w["commitment"].pk},
    ),
    "partnerships:commitment_delete": (
        STAFF,
        lambda w: {"pk": w["partnership"].pk, "commitment_pk": w["commitment"].pk},
    ),
    "partnerships:commitment_delivery": (
        STAFF,
        lambda w: {"pk": w["partnership"].pk, "commitment_pk": w["commitment"].pk},
    ),
    "partnerships:commitment_change_approve": (
        STAFF,
        lambda w: {"pk": w["partnership"].pk, "change_pk": w["commitment_change"].pk},
    ),
    "partnerships:commitment_change_decline": (
        STAFF,
        lambda w: {"pk": w["partnership"].pk, "change_pk": w["commitment_change"].pk},
    ),
    "partnerships:role_create": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "partnerships:role_edit": (STAFF, lambda w: {"pk": w["partnership"].pk, "role_pk": w["role"].pk}),
    "partnerships:role_delete": (STAFF, lambda w: {"pk": w["partnership"].pk, "role_pk": w["role"].pk}),
    "partnerships:poc_add": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "partnerships:poc_handoff": (STAFF, lambda w: {"pk": w["partnership"].pk, "poc_pk": w["backup"].pk}),
    "partnerships:poc_end": (STAFF, lambda w: {"pk": w["partnership"].pk, "poc_pk": w["backup"].pk}),
    "partnerships:organization_list": (STAFF, no_args),
    "partnerships:organization_create": (STAFF, no_args),
    "partnerships:organization_detail": (STAFF, lambda w: {"pk": w["partnership"].business.pk}),
    "partnerships:organization_edit": (STAFF, lambda w: {"pk": w["partnership"].business.pk}),
    "partnerships:contact_create": (STAFF, lambda w: {"pk": w["partnership"].business.pk}),
    "partnerships:contact_edit": (STAFF, lambda w: {"pk": w["contact"].pk}),
    "partnerships:contact_deactivate": (STAFF, lambda w: {"pk": w["contact"].pk}),
    "partnerships:invitation_create": (STAFF, lambda w: {"pk": w["partnership"].business.pk}),
    "partnerships:invitation_cancel": (STAFF, lambda w: {"pk": w["invitation"].pk}),
    "partnerships:membership_deactivate": (STAFF, lambda w: {"pk": w["membership"].pk}),
    "students:student_list": (STAFF, no_args),
    "students:student_create": (STAFF, no_args),
    "students:student_detail": (STAFF, lambda w: {"pk": w["placement"].student.pk}),
    "students:student_edit": (STAFF, lambda w: {"pk": w["placement"].student.pk}),
    "students:student_disclosures_csv": (STAFF, lambda w: {"pk": w["placement"].student.pk}),
    "students:placement_list": (STAFF, no_args),
    "students:placement_create": (STAFF, no_args),
    "students:placement_detail": (STAFF, lambda w: {"pk": w["placement"].pk}),
    "students:placement_edit": (STAFF, lambda w: {"pk": w["placement"].pk}),
    "students:placement_transition": (STAFF, lambda w: {"pk": w["placement"].pk, "status": "completed"}),
    "students:learning_goal_create": (STAFF, lambda w: {"pk": w["placement"].pk}),
    "students:learning_goal_edit": (STAFF, lambda w: {"pk": w["placement"].pk, "goal_pk": w["learning_goal"].pk}),
    "students:learning_goal_delete": (STAFF, lambda w: {"pk": w["placement"].pk, "goal_pk": w["learning_goal"].pk}),
    "students:evaluation_create": (STAFF, lambda w: {"pk": w["placement"].pk}),
    # POST only: a GET is refused (405) once past the staff guard.
    "students:evaluation_link_create": (
        {"anon": 302, "partner": 404, "coordinator": 405},
        lambda w: {"pk": w["placement"].pk},
    ),
    "students:hours_create": (STAFF, lambda w: {"pk": w["placement"].pk}),
    "students:hours_verify": (STAFF, lambda w: {"pk": w["placement"].pk, "entry_pk": w["hours"].pk}),
    "students:hours_edit": (STAFF, lambda w: {"pk": w["placement"].pk, "entry_pk": w["hours"].pk}),
    "students:placement_alignment": (STAFF, lambda w: {"pk": w["placement"].pk}),
    "students:partnership_alignment": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "imports:students": (STAFF, no_args),
    "imports:placements": (STAFF, no_args),
    "imports:job": (STAFF, lambda w: {"pk": w["import_job"].pk}),
    "imports:job_status": (STAFF, lambda w: {"pk": w["import_job"].pk}),
    "imports:confirm": ({"anon": 302, "partner": 404, "coordinator": 405}, lambda w: {"pk": w["import_job"].pk}),
    "imports:retry": ({"anon": 302, "partner": 404, "coordinator": 405}, lambda w: {"pk": w["import_job"].pk}),
    "safety:dashboard": (STAFF, no_args),
    "safety:partnership": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "safety:placement": (STAFF, lambda w: {"pk": w["placement"].pk}),
    "safety:check_list": (STAFF, no_args),
    "safety:check_create": (STAFF, no_args),
    "safety:check_edit": (STAFF, lambda w: {"pk": w["check"].pk}),
    "safety:check_void": (STAFF, lambda w: {"pk": w["check"].pk}),
    "safety:visit_create": (STAFF, no_args),
    "safety:visit_edit": (STAFF, lambda w: {"pk": w["visit"].pk}),
    "safety:visit_void": (STAFF, lambda w: {"pk": w["visit"].pk}),
    "safety:check_in_create": (STAFF, no_args),
    "safety:check_in_void": (STAFF, lambda w: {"pk": w["check_in"].pk}),
    "safety:concern_create": (STAFF, no_args),
    "safety:concern_detail": (STAFF, lambda w: {"pk": w["concern"].pk}),
    "safety:concern_void": (STAFF, lambda w: {"pk": w["concern"].pk}),
    "safety:protocol_list": (STAFF, no_args),
    "safety:protocol_create": (STAFF, no_args),
    "safety:protocol_detail": (STAFF, lambda w: {"pk": w["protocol"].pk}),
    "safety:policy_edit": (STAFF, no_args),
    "communications:log_list": (STAFF, no_args),
    "communications:log_create": (STAFF, no_args),
    "communications:log_edit": (STAFF, lambda w: {"pk": w["log_entry"].pk}),
    "communications:log_void": (STAFF, lambda w: {"pk": w["log_entry"].pk}),
    "communications:story_list": (STAFF, no_args),
    "communications:story_create": (STAFF, no_args),
    "communications:story_edit": (STAFF, lambda w: {"pk": w["story"].pk}),
    "communications:story_approve": (STAFF, lambda w: {"pk": w["story"].pk}),
    "communications:story_publish": (STAFF, lambda w: {"pk": w["approved_story"].pk}),
    "communications:story_photo": (STAFF, lambda w: {"pk": w["story"].pk}),
    "communications:digest": (STAFF, no_args),
    "communications:feedback_list": (STAFF, no_args),
    "communications:feedback_create": (STAFF, no_args),
    "communications:feedback_detail": (STAFF, lambda w: {"pk": w["feedback_request"].pk}),
    "communications:feedback_results": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "communications:thanks_list": (STAFF, no_args),
    "communications:thanks_create": (STAFF, no_args),
    "communications:thanks_detail": (STAFF, lambda w: {"pk": w["thank_you_note"].pk}),
    # Inviting a student is for a note still waiting for one: a submitted note sends you back to it.
    "communications:thanks_invite": (
        {"anon": 302, "partner": 404, "coordinator": 302},
        lambda w: {"pk": w["thank_you_note"].pk},
    ),
    "communications:thanks_approve": (STAFF, lambda w: {"pk": w["thank_you_note"].pk}),
    "communications:thanks_reject": (STAFF, lambda w: {"pk": w["thank_you_note"].pk}),
    "communications:reminder_list": (STAFF, no_args),
    "communications:reminder_retry": (STAFF, lambda w: {"pk": w["failed_reminder"].pk}),
    "communications:notification_list": (STAFF, no_args),
    "communications:notification_settings": (STAFF, no_args),
    "communications:guide_edit": (STAFF, no_args),
    # Opening a notification marks it read: POST only.
    "communications:notification_open": (
        {"anon": 302, "partner": 404, "coordinator": 405},
        lambda w: {"pk": w["notification"].pk},
    ),
    "communications:notification_read_all": ({"anon": 302, "partner": 404, "coordinator": 405}, no_args),
    # Charts and reports (dashboard.reports). Computing the district's figures is POST only.
    "reports:charts": (STAFF, no_args),
    "reports:compute": ({"anon": 302, "partner": 404, "coordinator": 405}, no_args),
    "reports:partnership_impact": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    "reports:business_impact": (STAFF, lambda w: {"pk": w["partnership"].business.pk}),
    # CSV exports (dashboard.exports): a list's file, and the person's own background exports. A job is made by
    # the lambda for the coordinator (the import job's author); a download of one not ready yet goes to its page.
    "exports:export": (STAFF, lambda w: {"kind": "partnerships"}),
    "exports:list": (STAFF, no_args),
    "exports:job": (STAFF, lambda w: {"pk": w["import_job"].created_by.export_jobs.create(kind="log").pk}),
    "exports:job_status": (STAFF, lambda w: {"pk": w["import_job"].created_by.export_jobs.create(kind="log").pk}),
    "exports:download": (
        {"anon": 302, "partner": 404, "coordinator": 302},
        lambda w: {"pk": w["import_job"].created_by.export_jobs.create(kind="log").pk},
    ),
    "exports:retry": (  # POST only
        {"anon": 302, "partner": 404, "coordinator": 405},
        lambda w: {"pk": w["import_job"].created_by.export_jobs.create(kind="log").pk},
    ),
    # Anyone holding the link may open it; a bad token answers 404 (tests/accounts/test_signed_links.py).
    "signed_link": (PUBLIC, lambda w: {"token": signed_links.token_for(w["link"])}),
    # Calendar feeds and search (issue 12): the coordinator's own feed page, and search, are staff pages.
    "calendar:home": (STAFF, no_args),
    "calendar:regenerate": (STAFF, no_args),
    "calendar:revoke": ({"anon": 302, "partner": 404, "coordinator": 302}, no_args),  # no feed yet: back to the page
    # The feed itself: calendar apps do not sign in, its token is the key (an unknown one is a 404, test_feeds.py).
    "calendar:feed": (PUBLIC, lambda w: {"token": _business_feed_token(w)}),
    "search:results": (STAFF, no_args),
    # Issue 12, the health score (dashboard/health): its help page and a partnership's health, for coordinators.
    "health:help": (STAFF, no_args),
    "health:partnership": (STAFF, lambda w: {"pk": w["partnership"].pk}),
    # Issue 12, scale: the suggestions of the choosers over large tables (core/suggest.py); every chooser is
    # checked for every persona in tests/core/test_suggest.py.
    "suggest": (STAFF, lambda w: {"name": "partnerships"}),
}


def _business_feed_token(world):
    return calendar_feed_create(organization=world["partnership"].business, by=world["membership"].user)


# The Django admin guards itself: only active staff users get past its own login page.
ADMIN_NAMESPACE = "admin"


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name


def all_url_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def test_every_url_pattern_is_in_the_matrix():
    # The portal has a matrix of its own, with more personas (tests/portal/test_matrix.py).
    names = {name for name in all_url_names() if not name.startswith((ADMIN_NAMESPACE + ":", "portal:"))}
    missing = sorted(names - MATRIX.keys())
    assert not missing, f"Add these URL names to the permission matrix: {missing}"
    stale = sorted(MATRIX.keys() - names)
    assert not stale, f"These matrix entries match no URL any more: {stale}"


@pytest.fixture
def world(business_a, coordinator, partner_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    partnership = active_partnership(business=business_a)
    story = SuccessStoryFactory(partnership=partnership, photo_alt="The team with their robot")
    story.photo.save("team.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\0" * 32))
    CharterFactory(partnership=partnership)
    placement = PlacementFactory(partnership=partnership, status="active")
    return {
        "partnership": partnership,
        "goal": GoalFactory(partnership=partnership),
        "commitment": CommitmentFactory(partnership=partnership),
        "commitment_change": CommitmentChangeFactory(commitment__partnership=partnership),
        "role": PartnershipRoleFactory(partnership=partnership),
        "backup": PointOfContactFactory(partnership=partnership, side="business", role="backup"),
        "contact": ContactFactory(organization=business_a),
        "membership": partner_a.memberships.get(),
        "invitation": InvitationFactory(organization=business_a, created_by=coordinator),
        "placement": placement,
        "learning_goal": LearningGoalFactory(placement=placement),
        "hours": HoursEntryFactory(placement=placement),
        "link": SignedLinkFactory(placement=placement),
        "import_job": ImportJobFactory(created_by=coordinator),
        "check": BackgroundCheckFactory(contact=placement.mentor),
        "visit": SiteVisitFactory(partnership=partnership, placements=[placement]),
        "check_in": CheckInFactory(placement=placement),
        "concern": SafetyConcernFactory(placement=placement),
        "protocol": SafetyProtocolFactory(),
        "log_entry": LogEntryFactory(partnership=partnership),
        "story": story,
        "feedback_request": FeedbackRequestFactory(partnership=partnership),
        "thank_you_note": ThankYouNoteFactory(
            partnership=partnership, status="submitted", body="Thank you for the robot lab.", signed_as="Sam R."
        ),
        "notification": NotificationFactory(user=coordinator, reminder__partnership=partnership),
        "failed_reminder": ReminderFactory(status="failed", last_error="SMTPServerDisconnected: gone"),
        "partner_notification": NotificationFactory(
            user=partner_a, reminder__partnership=partnership, reminder__kind="charter_ack_pending"
        ),
        "approved_story": SuccessStoryFactory(
            partnership=partnership, status="approved", approved_by=coordinator, approved_at=timezone.now()
        ),
    }


@pytest.fixture
def clients(anon_client, partner_a_client, coordinator_client):
    return {"anon": anon_client, "partner": partner_a_client, "coordinator": coordinator_client}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_what_the_matrix_says(name, world, clients):
    expected, kwargs = MATRIX[name]
    url = reverse(name, kwargs=kwargs(world))
    for persona, client in clients.items():
        response = client.get(url)
        assert response.status_code == expected[persona], f"{persona} GET {url}"
        if persona == "anon" and expected[persona] == 302:
            assert response["Location"].startswith(reverse("login")), f"anonymous GET {url} must go to the login page"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, (access, _) in MATRIX.items() if access["partner"] == 404))
def test_partner_cannot_post_to_any_staff_url(name, world, partner_a_client, anon_client):
    url = reverse(name, kwargs=MATRIX[name][1](world))
    assert partner_a_client.post(url, {}).status_code == 404
    response = anon_client.post(url, {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_partner_is_not_let_into_another_business_portal_rows(world, partner_b_client, business_a):
    response = partner_b_client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert business_a.name not in response.content.decode()


@pytest.mark.django_db
def test_admin_is_for_superusers_only(admin_client, partner_a_client, coordinator_client, anon_client):
    url = reverse("admin:index")
    assert admin_client.get(url).status_code == 200
    for client in (partner_a_client, coordinator_client, anon_client):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
