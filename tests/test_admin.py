"""Every model registered in the Django admin has working list, search, filter and add pages."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import HandoffFactory, PartnershipRoleFactory, active_partnership

REGISTERED = sorted((model._meta.app_label, model._meta.model_name) for model in admin.site._registry)


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
    model_admin = next(
        ma
        for m, ma in admin.site._registry.items()
        if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
    )
    # Log models (django-axes) are read-only on purpose.
    assert add.status_code == (200 if model_admin.has_add_permission(add.wsgi_request) else 403)


def test_every_partnerships_model_is_in_the_admin():
    from django.apps import apps

    missing = [
        model.__name__
        for app in ("accounts", "partnerships")
        for model in apps.get_app_config(app).get_models()
        if model not in admin.site._registry
    ]
    assert not missing, f"Register these models in the admin: {missing}"
