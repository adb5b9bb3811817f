"""The Django admin: every model's pages open, and none of them goes around a rule of SchoolBridge.

Each registered model is classified below, so a model added to the admin without deciding fails
`test_every_model_in_the_admin_is_classified`. A rule's fields are read-only once the record exists (the
admin's form does not even carry them), records written only by the services are shown and never
added, changed or deleted, and records with legal weight cannot be deleted here at all.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from partnerships.models import PointOfContact
from students.models import Placement, Student
from tests.factories import (
    BackgroundCheckFactory,
    CheckInFactory,
    ContactFactory,
    HandoffFactory,
    LogEntryFactory,
    PartnershipRoleFactory,
    SafetyConcernFactory,
    SiteVisitFactory,
    UserFactory,
    active_partnership,
    ready_placement,
)

REGISTERED = sorted((model._meta.app_label, model._meta.model_name) for model in admin.site._registry)

# model label -> the fields read-only once the record exists, whether it may be added and deleted here.
RULED = {
    "partnerships.organization": ({"kind"}, True, True),
    "partnerships.contact": ({"organization", "active"}, True, True),
    "partnerships.partnership": ({"status", "school", "business", "start_date", "end_date"}, False, False),
    "safety.safetypolicy": (set(), False, False),  # the one policy is made by a migration
    "accounts.signedlink": ({"purpose", "payload", "used_at", "expires_at"}, False, True),
    "students.student": ({"guardian_consent_on"}, False, True),
    "partnerships.partnermembership": ({"active", "deactivated_at", "deactivated_by", "invited_by"}, True, True),
    "communications.successstory": ({"status", "approved_by", "approved_at", "publish_on"}, True, True),
    "communications.thankyounote": ({"status", "reviewed_by", "reviewed_at"}, True, True),
    "students.placement": (
        {"status", "cancel_reason", "student", "partnership", "mentor", "other_staff", "start_date", "end_date"},
        False,
        False,
    ),
}
# Written only by SchoolBridge's pages and services: history, acknowledgments, the outbox, legal records.
SHOWN = {
    "partnerships.charter",
    "partnerships.charterpriority",
    "partnerships.statuschange",
    "partnerships.pointofcontact",
    "partnerships.handoff",
    "students.placementstatuschange",
    "safety.safetyprotocol",
    "safety.protocolacknowledgment",
    "safety.backgroundcheck",
    "safety.sitevisit",
    "safety.checkin",
    "safety.safetyconcern",
    "communications.logentry",
    "communications.reminder",
    "communications.notification",
    "partnerships.commitmentchange",
    "students.disclosure",
    "dashboard.purgerecord",  # written only by the retention purge
}
LEGAL_WEIGHT = {"safety.backgroundcheck", "safety.sitevisit", "safety.checkin", "safety.safetyconcern"}
LEGAL_WEIGHT |= {"communications.logentry"}  # all among SHOWN: never added, changed or deleted here
# Plain admin pages: no rule of SchoolBridge lives in these fields (or the library owns the model).
OPEN = {
    "accounts.user",
    "auth.group",
    "auditlog.logentry",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "communications.partnerguide",
    "partnerships.program",
    "partnerships.goal",
    "partnerships.commitment",
    "partnerships.commitmentdelivery",
    "partnerships.partnershiprole",
    "students.learninggoal",
    "students.evaluation",
    "students.rating",
    "students.hoursentry",
    "students.importjob",
    "safety.gradingperiod",
    "communications.feedbackrequest",
    "communications.reminderpreference",
}


def model_admin(label: str):
    model = apps.get_model(label)
    return model, admin.site._registry[model]


@pytest.fixture
def superuser_request(db):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    return request


@pytest.fixture
def some_rows(db):
    partnership = active_partnership()
    HandoffFactory(partnership=partnership, from_poc__role="backup", to_poc__role="backup")
    PartnershipRoleFactory(partnership=partnership)
    return partnership


@pytest.mark.django_db
@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_admin_pages_open_for_every_model(app_label, model_name, admin_client, some_rows):
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "a"}).status_code == 200
    add = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    _model, ma = model_admin(f"{app_label}.{model_name}")
    assert add.status_code == (200 if ma.has_add_permission(add.wsgi_request) else 403)


def test_every_model_in_the_admin_is_classified():
    registered = {f"{app}.{name}" for app, name in REGISTERED}
    classified = set(RULED) | SHOWN | OPEN
    assert registered - classified == set(), "Decide what the admin may do with these models"
    assert classified - registered == set(), "These are no longer in the admin"
    assert not (set(RULED) & SHOWN) and not (set(RULED) & OPEN) and not (SHOWN & OPEN)


def test_every_partnerships_model_is_in_the_admin():
    missing = [
        model.__name__
        for app in ("accounts", "partnerships")
        for model in apps.get_app_config(app).get_models()
        if model not in admin.site._registry
    ]
    assert not missing, f"Register these models in the admin: {missing}"


@pytest.mark.parametrize("label", sorted(RULED))
def test_a_rules_fields_are_not_in_the_admins_change_form(label, superuser_request):
    fields, may_add, may_delete = RULED[label]
    model, ma = model_admin(label)
    obj = model()

    form_fields = set(ma.get_form(superuser_request, obj, change=True).base_fields)

    assert fields & form_fields == set()
    assert fields <= set(ma.get_readonly_fields(superuser_request, obj))
    assert ma.has_add_permission(superuser_request) is may_add
    assert ma.has_delete_permission(superuser_request, obj) is may_delete
    assert ("delete_selected" in ma.get_actions(superuser_request)) is may_delete


@pytest.mark.parametrize("label", sorted(SHOWN))
def test_records_the_services_write_are_shown_and_never_written_here(label, superuser_request):
    model, ma = model_admin(label)

    assert ma.has_view_permission(superuser_request, model())
    assert not ma.has_add_permission(superuser_request)
    assert not ma.has_change_permission(superuser_request, model())
    assert not ma.has_delete_permission(superuser_request, model())
    assert "delete_selected" not in ma.get_actions(superuser_request)


LEGAL_RECORDS = {
    "safety.backgroundcheck": lambda: BackgroundCheckFactory(),
    "safety.sitevisit": lambda: SiteVisitFactory(),
    "safety.checkin": lambda: CheckInFactory(),
    "safety.safetyconcern": lambda: SafetyConcernFactory(),
    "communications.logentry": lambda: LogEntryFactory(),
}


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(LEGAL_WEIGHT))
def test_a_record_with_legal_weight_cannot_be_deleted_or_changed_through_the_admin(label, admin_client):
    record = LEGAL_RECORDS[label]()
    app_label, model_name = label.split(".")

    delete = admin_client.post(reverse(f"admin:{app_label}_{model_name}_delete", args=[record.pk]), {"post": "yes"})
    bulk = admin_client.post(
        reverse(f"admin:{app_label}_{model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )
    change = admin_client.post(reverse(f"admin:{app_label}_{model_name}_change", args=[record.pk]), {})

    assert delete.status_code == 403
    assert bulk.status_code in (200, 302)  # "No action selected": the action is not there to run
    assert change.status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
def test_a_primary_point_of_contact_cannot_be_ended_or_deleted_in_the_admin(admin_client):
    partnership = active_partnership()
    primary = partnership.points_of_contact.get(side="school")
    change = reverse("admin:partnerships_pointofcontact_change", args=[primary.pk])

    ended = admin_client.post(change, {"end_date": "2020-01-01"})
    deleted = admin_client.post(reverse("admin:partnerships_pointofcontact_delete", args=[primary.pk]), {"post": "yes"})

    assert (ended.status_code, deleted.status_code) == (403, 403)
    primary.refresh_from_db()
    assert primary.end_date is None


def _posted_back(response) -> dict:
    """What the admin change form would post back unchanged: its fields' values and its inlines' forms."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({f"{formset.prefix}-{name}": management[name].value() for name in management.fields})
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


@pytest.mark.django_db
def test_the_admin_saves_an_active_placements_other_details_but_never_its_mentor_or_dates(admin_client):
    placement = ready_placement()
    placement.status = Placement.Status.ACTIVE
    placement.save(update_fields=["status"])
    stranger = ContactFactory(organization=placement.partnership.business)
    url = reverse("admin:students_placement_change", args=[placement.pk])
    page = admin_client.get(url)
    assert f'href="{placement.get_absolute_url()}"' in page.content.decode()  # where it is changed instead

    data = _posted_back(page) | {"mentor": stranger.pk, "end_date": "2099-01-01", "notes": "Checked in the admin."}
    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    placement.refresh_from_db()
    assert placement.notes == "Checked in the admin."
    assert placement.mentor != stranger
    assert placement.end_date.year != 2099


@pytest.mark.django_db
def test_the_admin_does_not_take_away_a_students_guardian_consent(admin_client):
    student = ready_placement().student
    url = reverse("admin:students_student_change", args=[student.pk])
    data = _posted_back(admin_client.get(url))
    data.pop("guardian_consent_on", None)

    response = admin_client.post(url, data | {"guardian_consent_on": "", "guardian_name": "Renamed Guardian"})

    assert response.status_code == 302
    student.refresh_from_db()
    assert (student.guardian_name, student.guardian_consent_on is not None) == ("Renamed Guardian", True)
    assert Student.objects.filter(pk=student.pk, guardian_consent_on__isnull=False).exists()


@pytest.mark.django_db
def test_the_partnership_page_in_the_admin_lists_its_points_of_contact_without_editing_them(admin_client):
    partnership = active_partnership()
    page = admin_client.get(reverse("admin:partnerships_partnership_change", args=[partnership.pk]))

    formset = next(
        inline.formset for inline in page.context["inline_admin_formsets"] if inline.formset.model is PointOfContact
    )
    assert formset.total_form_count() == 2
    assert not formset.can_delete
    assert formset.extra == 0
