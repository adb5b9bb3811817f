"""Lost updates: every edit page carries the version of the record it showed, and a save over someone else's
change is refused (core.concurrency): with the message, their values next to the typed ones, nothing changed
in the database, and what was typed kept in the form. Saving again then keeps the typed values, on purpose.

Each edit page is posted as a browser would (tests.form_data reads the rendered form), so a page that
forgets to render the version, or a view or service that forgets to check it, fails here; an edit page
not listed in EDITS fails `test_every_edit_page_is_checked_here`. A POST that leaves the version out (a
script, a tampered form) is refused too, on every edit page, while a new record's form needs none.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.context import set_actor
from django import forms
from django.db import models
from django.urls import reverse
from django.utils.html import escape

from communications.models import PartnerGuide
from communications.stories import services as story_services
from core.concurrency import NO_VERSION, VERSION_FIELD, Conflict, VersionedForm, version_of
from partnerships import services as partnership_services
from partnerships.models import Contact, Organization
from safety.models import SafetyPolicy
from tests import test_permissions
from tests.factories import CoordinatorFactory
from tests.form_data import form_data
from tests.test_permissions import MATRIX, all_url_names

matrix_world = test_permissions.world  # the permission matrix's fixture: one of each record
CONFLICT = "Someone else saved this record while you were editing it"


def _save_field(record: models.Model, name: str, value: Any) -> None:
    setattr(record, name, value)
    record.save()


def _publish_charter(record: Any, name: str, value: Any) -> None:
    partnership_services.charter_publish(
        partnership=record.partnership, by=CoordinatorFactory.create(), **{name: value}
    )


@dataclass
class Edit:
    """An edit page: the record it edits (from the permission matrix's world), a field to type into, what
    someone else saves in it meanwhile (`save_theirs`) and what the user types."""

    record: Callable[[dict], models.Model]
    field: str
    theirs: Any = "Their words"
    yours: Any = "My words"
    url: Callable[[dict], str] | None = None
    client: str = "coordinator"
    save_theirs: Callable[[models.Model, str, Any], None] = dataclasses.field(default=_save_field)
    stored: Callable[[Any, str], Any] = dataclasses.field(default=lambda record, name: getattr(record, name))


def _newest_charter(world):
    return world["partnership"].charters.order_by("-version").first()


EDITS: dict[str, Edit] = {
    "partnerships:edit": Edit(lambda w: w["partnership"], "notes"),
    "partnerships:organization_edit": Edit(lambda w: w["partnership"].business, "notes"),
    "partnerships:contact_edit": Edit(lambda w: w["contact"], "title"),
    "partnerships:goal_edit": Edit(lambda w: w["goal"], "description"),
    "partnerships:commitment_edit": Edit(lambda w: w["commitment"], "description"),
    "partnerships:role_edit": Edit(lambda w: w["role"], "responsibilities"),
    "partnerships:charter_edit": Edit(
        _newest_charter,
        "vision",
        save_theirs=_publish_charter,
        stored=lambda charter, name: getattr(_newest_charter({"partnership": charter.partnership}), name),
    ),
    "students:student_edit": Edit(lambda w: w["placement"].student, "guardian_name"),
    "students:placement_edit": Edit(lambda w: w["placement"], "notes"),
    "students:learning_goal_edit": Edit(lambda w: w["learning_goal"], "text"),
    "students:hours_edit": Edit(lambda w: w["hours"], "activity"),
    "safety:check_edit": Edit(lambda w: w["check"], "notes"),
    "safety:visit_edit": Edit(lambda w: w["visit"], "site"),
    "safety:policy_edit": Edit(lambda w: SafetyPolicy.current(), "renewal_window_days", theirs=41, yours=37),
    "communications:log_edit": Edit(lambda w: w["log_entry"], "summary"),
    "communications:story_edit": Edit(lambda w: w["story"], "body"),
    "communications:guide_edit": Edit(lambda w: PartnerGuide.current(), "handbook"),
    "portal:contact_edit": Edit(
        lambda w: w["contact"],
        "title",
        url=lambda w: reverse("portal:contact_edit", args=[w["contact"].pk]),
        client="partner",
    ),
}


def _url(name: str, world) -> str:
    edit = EDITS[name]
    return edit.url(world) if edit.url else reverse(name, kwargs=MATRIX[name][1](world))


@pytest.fixture
def edit_clients(coordinator_client, partner_a_client):
    return {"coordinator": coordinator_client, "partner": partner_a_client}


def _fresh(record: models.Model) -> models.Model:
    return type(record)._default_manager.get(pk=record.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_save_over_someone_elses_change_is_refused_and_keeps_what_was_typed(name, matrix_world, edit_clients):
    world = matrix_world
    edit, client = EDITS[name], edit_clients[EDITS[name].client]
    record, url = edit.record(world), _url(name, world)
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), having=VERSION_FIELD)
    assert data[VERSION_FIELD], "the page carries the version it showed"
    if name != "partnerships:charter_edit":
        assert data[VERSION_FIELD] == version_of(record)

    edit.save_theirs(_fresh(record), edit.field, edit.theirs)  # someone else, while the form is open
    data[edit.field] = str(edit.yours)
    response = client.post(url, data)

    assert response.status_code == 200, "refused: the form again, not a redirect"
    text = response.content.decode()
    assert CONFLICT in text
    assert str(edit.yours) in text and str(edit.theirs) in text  # theirs next to what was typed
    assert response.context["form"][edit.field].value() in (edit.yours, str(edit.yours))
    assert str(edit.stored(_fresh(record), edit.field)) == str(edit.theirs), "nothing of the refused save"

    # The form now carries the stored version: saving again keeps the typed values, on purpose this time.
    again = form_data(text, having=VERSION_FIELD)
    assert again[VERSION_FIELD] != data[VERSION_FIELD]
    assert client.post(url, again).status_code == 302
    assert str(edit.stored(_fresh(record), edit.field)) == str(edit.yours)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_save_with_no_one_else_in_between_goes_through(name, matrix_world, edit_clients):
    world = matrix_world
    edit, client = EDITS[name], edit_clients[EDITS[name].client]
    record, url = edit.record(world), _url(name, world)
    data = form_data(client.get(url).content.decode(), having=VERSION_FIELD)
    data[edit.field] = str(edit.yours)
    assert client.post(url, data).status_code == 302
    assert str(edit.stored(_fresh(record), edit.field)) == str(edit.yours)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_save_without_a_version_is_refused_and_keeps_what_was_typed(name, matrix_world, edit_clients):
    world = matrix_world
    edit, client = EDITS[name], edit_clients[EDITS[name].client]
    record, url = edit.record(world), _url(name, world)
    data = form_data(client.get(url).content.decode(), having=VERSION_FIELD)
    shown = data.pop(VERSION_FIELD)  # what a script or a tampered form sends: everything but the version
    before = str(edit.stored(_fresh(record), edit.field))
    data[edit.field] = str(edit.yours)
    response = client.post(url, data)

    assert response.status_code == 200, "refused: the form again, not a redirect"
    text = response.content.decode()
    assert escape(NO_VERSION) in text
    assert response.context["form"][edit.field].value() in (edit.yours, str(edit.yours))
    assert str(edit.stored(_fresh(record), edit.field)) == before, "nothing of the refused save"
    assert version_of(_fresh(record)) == version_of(record), "the row was not written at all"

    # The form now carries the stored version: saving it again goes through.
    again = form_data(text, having=VERSION_FIELD)
    assert again[VERSION_FIELD] == shown
    assert again[edit.field] == str(edit.yours)
    assert client.post(url, again).status_code == 302
    assert str(edit.stored(_fresh(record), edit.field)) == str(edit.yours)


class _NoteForm(VersionedForm, forms.Form):
    note = forms.CharField()


@pytest.mark.django_db
def test_a_new_records_form_needs_no_version(matrix_world):
    assert _NoteForm({"note": "Typed"}).is_valid()  # nothing to be loaded from
    assert _NoteForm({"note": "Typed"}, record=matrix_world["goal"]).errors == {"__all__": [NO_VERSION]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "typed", "model"),
    [
        (
            "partnerships:organization_create",
            {"name": "Cedar Clinic", "kind": "business", "sector": "healthcare", "city": "Springfield"},
            Organization,
        ),
        (
            "partnerships:contact_create",
            {"first_name": "Pat", "last_name": "Newperson", "email": "pat@cedar.test"},
            Contact,
        ),
    ],
)
def test_a_create_page_saves_without_a_version(name, typed, model, matrix_world, coordinator_client):
    args = [matrix_world["partnership"].business.pk] if name == "partnerships:contact_create" else []
    url = reverse(name, args=args)
    data = form_data(coordinator_client.get(url).content.decode(), having=VERSION_FIELD)
    assert data.pop(VERSION_FIELD) == "", "a new record has no version yet"
    response = coordinator_client.post(url, {**data, **typed})
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert model.objects.filter(**{key: typed[key] for key in list(typed)[:2]}).count() == 1


def test_every_edit_page_is_checked_here():
    names = {name for name in all_url_names() if name.split(":")[-1].endswith("edit")}
    assert names - EDITS.keys() == set(), "Add these edit pages to EDITS (and give their forms a version)"


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(sub) for sub in found)) if found else found


def _our_model_forms() -> set[type[forms.ModelForm]]:
    import config.urls  # noqa: F401  (every view module, and so every form, is imported)

    ours = ("partnerships.", "students.", "safety.", "communications.", "portal.", "accounts.", "dashboard.")
    return {
        form
        for form in _subclasses(forms.ModelForm)
        if form.__module__.startswith(ours) and ".admin" not in form.__module__ and not inspect.isabstract(form)
    }


# ModelForms that edit nothing alone: rows saved with a versioned form, in its transaction.
ROWS_OF_A_VERSIONED_FORM = {"GradingPeriodForm"}  # the policy page's grading periods (PolicyForm)


def test_every_model_form_carries_a_version():
    unversioned = sorted(
        form.__name__
        for form in _our_model_forms()
        if not issubclass(form, VersionedForm) and form.__name__ not in ROWS_OF_A_VERSIONED_FORM
    )
    assert unversioned == [], "Edit forms must mix in core.concurrency.VersionedForm"
    assert {"OrganizationForm", "StudentForm", "PlacementForm", "PolicyForm"} <= {
        form.__name__ for form in _our_model_forms()
    }


@pytest.mark.django_db
def test_the_refusal_names_who_saved_it_and_when(matrix_world, coordinator_client, admin_user):
    world = matrix_world
    check, url = world["check"], reverse("safety:check_edit", args=[world["check"].pk])
    data = form_data(coordinator_client.get(url).content.decode(), having=VERSION_FIELD)
    admin_user.first_name, admin_user.last_name = "Dana", "Lee"
    admin_user.save()
    with set_actor(admin_user):  # what the audit log's middleware does for a signed-in request
        _save_field(_fresh(check), "notes", "Their words")
    stamp = _fresh(check).updated_at

    data["notes"] = "My words"
    form = coordinator_client.post(url, data).context["form"]

    message = form.conflict.message
    assert message.startswith(f"{CONFLICT}: Dana Lee, at ")
    assert f"{stamp:%H:%M} on {stamp.day} {stamp:%b %Y}" in message
    assert [(row.label, row.theirs, row.yours) for row in form.conflict_rows] == [("Notes", "Their words", "My words")]


@pytest.mark.django_db
def test_a_change_no_one_audited_is_refused_without_a_name(matrix_world, coordinator_client):
    world = matrix_world
    goal, url = world["goal"], reverse("partnerships:goal_edit", args=[world["partnership"].pk, world["goal"].pk])
    data = form_data(coordinator_client.get(url).content.decode(), having=VERSION_FIELD)
    _save_field(_fresh(goal), "description", "Their words")
    data["description"] = "My words"
    message = coordinator_client.post(url, data).context["form"].conflict.message
    assert message.startswith(f"{CONFLICT}, at ")


@pytest.mark.django_db
def test_a_story_correction_loaded_before_its_approval_is_refused(matrix_world, coordinator):
    story = matrix_world["story"]
    loaded = version_of(story)  # the form is opened, then someone approves the draft
    story_services.story_approve(story=_fresh(story), by=coordinator)

    with pytest.raises(Conflict):
        story_services.story_save(
            by=coordinator,
            partnership=story.partnership,
            title="Typed",
            body="Typed",
            photo_alt=story.photo_alt,
            story=story,
            version=loaded,
        )

    assert _fresh(story).status == "approved"
