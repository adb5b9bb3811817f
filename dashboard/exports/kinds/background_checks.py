"""Background checks, as their list shows and filters them: whose check, its status and its dates, and
nothing else about it (never the provider, the reference or the notes)."""

from __future__ import annotations

from typing import Any

from dashboard.exports.registry import Column, ExportKind, attr, register
from safety.forms import CheckFilter
from safety.models import BackgroundCheck, SafetyPolicy


def _policy() -> dict[str, Any]:
    return {"policy": SafetyPolicy.current()}


def _state(check: BackgroundCheck, context: Any) -> str:
    return BackgroundCheck.State(check.state(window_days=context["policy"].renewal_window_days)).label


register(
    ExportKind(
        slug="checks",
        title="Background checks",
        permission="safety.view_backgroundcheck",
        list_url="safety:check_list",
        filterset=CheckFilter,
        base=lambda user: BackgroundCheck.objects.select_related("contact__organization").order_by(
            "contact__last_name", "contact__first_name", "-pk"
        ),
        context=_policy,
        filter_kwargs=("policy",),
        columns=(
            attr("ID", "pk"),
            attr("Person", "contact.full_name"),
            attr("Organization", "contact.organization.name"),
            Column("Status", lambda check, c: check.get_status_display()),
            Column("State", _state),
            attr("Requested on", "requested_on"),
            attr("Completed on", "completed_on"),
            attr("Expires on", "expires_on"),
            attr("Voided at", "voided_at"),
        ),
    )
)
