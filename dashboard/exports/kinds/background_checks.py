"""Background checks, as their list shows and filters them: whose check, its status and its dates, and
nothing else about it (never the provider, the reference or the notes)."""

from __future__ import annotations

import datetime
from typing import Any

from dashboard.exports.registry import Column, Context, ExportKind, built, field, label, register
from partnerships.models import Contact
from safety.forms import CheckFilter
from safety.models import BackgroundCheck, SafetyPolicy


def _policy() -> dict[str, Any]:
    return {"policy": SafetyPolicy.current()}


def _state(context: Context, status: str, expires_on: datetime.date | None) -> str:
    window = context["policy"].renewal_window_days
    return BackgroundCheck.State(BackgroundCheck.state_of(status, expires_on, window_days=window)).label


register(
    ExportKind(
        slug="checks",
        title="Background checks",
        permission="safety.view_backgroundcheck",
        list_url="safety:check_list",
        filterset=CheckFilter,
        base=lambda user: BackgroundCheck.objects.order_by("contact__last_name", "contact__first_name", "-pk"),
        context=_policy,
        filter_kwargs=("policy",),
        columns=(
            field("ID", "pk"),
            built("Person", Contact.full_name_of, Contact.FULL_NAME_FIELDS, of="contact"),
            field("Organization", "contact__organization__name"),
            label("Status", "status"),
            Column("State", ("status", "expires_on"), make=_state, context=True),
            field("Requested on", "requested_on"),
            field("Completed on", "completed_on"),
            field("Expires on", "expires_on"),
            field("Voided at", "voided_at"),
        ),
    )
)
