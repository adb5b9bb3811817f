"""Coordinator pages for student safety: what is due, background checks, site visits, check-ins,
concerns, protocols and the district's policy.

AccessMiddleware already keeps everyone but coordinators out; each write also checks the model
permission. Records with legal weight are voided (services.void), never deleted, and their
django-auditlog history is shown in words on their pages.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, TextChoices, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone

from core.pages import GET_POST, add_service_errors, confirm_page, form_page, paginate, posted
from core.redirects import next_url
from partnerships.models import Contact, Partnership
from safety import cadence, services
from safety.forms import (
    AcknowledgmentForm,
    CheckFilter,
    CheckForm,
    CheckInForm,
    ChoosePartnershipForm,
    ConcernForm,
    ConcernStatusForm,
    GradingPeriodFormSet,
    PolicyForm,
    ProtocolForm,
    VisitForm,
    VoidForm,
)
from safety.models import (
    BackgroundCheck,
    CheckIn,
    SafetyConcern,
    SafetyPolicy,
    SafetyProtocol,
    SiteVisit,
)
from safety.selectors import businesses_that_matter, checks_due, with_mentor_check
from students.models import Placement

State = BackgroundCheck.State
LIST_SIZE = 10  # rows per dashboard list; "and N more" links to the rest
DUE_SOON_DAYS = 3
SECTION_TITLES = {
    "concerns": "Open concerns",
    "check_ins": "Check-ins due",
    "lapsing": "Placements whose checks lapse",
    "visits": "Site visits due",
    BackgroundCheck.State.EXPIRING: "Background checks expiring",
    BackgroundCheck.State.EXPIRED: "Background checks expired",
    BackgroundCheck.State.PENDING: "Background checks pending",
}


class VersionState(TextChoices):
    """Where a protocol version stands against today: the one in effect, a later one, or an earlier one."""

    CURRENT = "current"
    UPCOMING = "upcoming"
    OLDER = "older"


def _day(value: datetime.date | None) -> str:
    return dateformat.format(value, "j M Y") if value else ""


def _id_param(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def _dashboard_crumb():
    return [("Safety", reverse("safety:dashboard"))]


def _checks_crumbs():
    return [*_dashboard_crumb(), ("Background checks", reverse("safety:check_list"))]


def _protocol_crumbs():
    return [*_dashboard_crumb(), ("Protocols", reverse("safety:protocol_list"))]


def _check(pk) -> BackgroundCheck:
    return get_object_or_404(
        BackgroundCheck.objects.select_related("contact__organization", "recorded_by", "voided_by"), pk=pk
    )


def _visit(pk) -> SiteVisit:
    return get_object_or_404(
        SiteVisit.objects.select_related("partnership__business", "partnership__school", "visitor", "voided_by"),
        pk=pk,
    )


def _check_in(pk) -> CheckIn:
    return get_object_or_404(
        CheckIn.objects.select_related("placement__student", "placement__partnership__business", "by", "voided_by"),
        pk=pk,
    )


def _concern(pk) -> SafetyConcern:
    return get_object_or_404(
        SafetyConcern.objects.select_related(
            "student__school",
            "placement__partnership__business",
            "partnership__business",
            "reported_by",
            "voided_by",
        ),
        pk=pk,
    )


def _placement_name(placement) -> str:
    return f"{placement.student.full_name} at {placement.partnership.business.name}"


# History in words -----------------------------------------------------------------------------------

# Bookkeeping fields that say nothing to a reader; voiding is shown as its own line.
EMPTY = (None, "None", "")
QUIET_FIELDS = {"id", "created_at", "updated_at", "lead_notified_at", "voided_at", "voided_by", "void_reason"}


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    verb: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    note: str = ""


def _label(model_field) -> str:
    text = str(model_field.verbose_name)
    return text[:1].upper() + text[1:]


def _related_names(wanted: dict) -> dict:
    """{(model, "pk"): name} for the related rows named in log entries, one query per model."""
    names = {}
    for model, pks in wanted.items():
        rows = model._default_manager.filter(pk__in=pks)
        if model is Placement:
            rows = rows.select_related("student", "partnership__business")
        for row in rows:
            if model is Placement:
                name = _placement_name(row)
            else:
                name = getattr(row, "display_name", None) or getattr(row, "full_name", None) or str(row)
            names[(model, str(row.pk))] = name
    return names


def _in_words(model_field, value, names) -> str:
    if value in EMPTY:
        return "—"
    if model_field.is_relation:
        return names.get((model_field.related_model, str(value)), "someone since removed")
    if model_field.choices:
        return str({str(key): label for key, label in model_field.flatchoices}.get(str(value), value))
    kind = model_field.get_internal_type()
    try:
        if kind == "DateField":
            return _day(datetime.date.fromisoformat(str(value)[:10]))
        if kind == "DateTimeField":
            moment = datetime.datetime.fromisoformat(str(value))
            return dateformat.format(timezone.localtime(moment) if timezone.is_aware(moment) else moment, "j M Y, H:i")
    except ValueError:
        return str(value)
    if kind == "BooleanField":
        return {"True": "yes", "False": "no"}.get(str(value), str(value))
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def history(record, limit: int = 25) -> list[HistoryEntry]:
    """The record's django-auditlog entries, newest first, as who did what and when, in words."""
    model = type(record)
    entries = list(
        LogEntry.objects.get_for_object(record).select_related("actor").order_by("-timestamp", "-pk")[:limit]
    )
    parsed, wanted = [], defaultdict(set)
    for entry in entries:
        fields, voided = [], False
        for name, values in (entry.changes_dict or {}).items():
            if name == "voided_at" and isinstance(values, list) and len(values) == 2:
                voided = values[0] in EMPTY and values[1] not in EMPTY
            if name in QUIET_FIELDS or not isinstance(values, list) or len(values) != 2:
                continue
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if model_field.many_to_many or not model_field.concrete:
                continue
            if model_field.is_relation:
                wanted[model_field.related_model].update(str(v) for v in values if v not in EMPTY)
            fields.append((model_field, values))
        parsed.append((entry, fields, voided))
    names = _related_names(wanted)
    result = []
    for entry, fields, voided in parsed:
        who = entry.actor.display_name if entry.actor else "The system"
        if voided:
            if entry.actor is None and getattr(record, "voided_by", None) is not None:
                who = record.voided_by.display_name
            result.append(HistoryEntry(entry.timestamp, who, "Voided", note=record.void_reason))
            continue
        created = entry.action == LogEntry.Action.CREATE
        changes = [
            (_label(f), _in_words(f, old, names), _in_words(f, new, names))
            for f, (old, new) in fields
            if not (created and new in EMPTY)
        ]
        if not changes and not created:
            continue
        verb = {LogEntry.Action.CREATE: "Recorded", LogEntry.Action.DELETE: "Deleted"}.get(entry.action, "Changed")
        result.append(HistoryEntry(entry.timestamp, who, verb, changes))
    if getattr(record, "is_voided", False) and not any(item.verb == "Voided" for item in result):
        # A void the audit log did not see (written before it logged voids): show it from the record itself.
        who = record.voided_by.display_name if record.voided_by else "Someone"
        result.insert(0, HistoryEntry(record.voided_at, who, "Voided", note=record.void_reason))
    return result


# Voiding ------------------------------------------------------------------------------------------


def _say_paused(request, record) -> None:
    """Tell the user which active placements a change to a background check paused, if any."""
    paused = getattr(record, "paused_placements", [])
    if paused:
        names = "; ".join(_placement_name(placement) for placement in paused)
        messages.warning(
            request,
            f"Paused at once, because {record.contact.full_name} is no longer cleared for "
            f"{'them' if len(paused) > 1 else 'it'}: {names}. Start {'them' if len(paused) > 1 else 'it'} "
            "again once a cleared check is recorded, or name another mentor.",
        )


def _void_page(request, record, *, noun: str, what: str, back: str, breadcrumbs, details=()):
    """The confirmation page for voiding a record, and the void itself on POST. `details` say what else
    voiding does: a list, or a function worked out only when the page is shown."""
    if record.is_voided:
        messages.info(request, f"This {noun} was already voided.")
        return redirect(back)
    form = VoidForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.void(record=record, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{what[:1].upper()}{what[1:]} voided. It stays on record, marked void.")
            _say_paused(request, record)
            return redirect(back)
    return confirm_page(
        request,
        title=f"Void {what}?",
        message=f"{what[:1].upper()}{what[1:]} will be marked void: it stays on record with your name, today's date "
        "and your reason, and no longer counts for anything. Voiding cannot be undone.",
        submit=f"Void {noun}",
        cancel_url=back,
        breadcrumbs=breadcrumbs,
        details=details() if callable(details) else details,
        form=form,
    )


# Dashboard ----------------------------------------------------------------------------------------


def _section(request, key: str, queryset, show: str) -> dict:
    """One dashboard list: the first rows and the total, or every row, paginated, when shown in full."""
    if show == key:
        page = paginate(request, queryset, per_page=50)
        return {"rows": page.object_list, "count": page.paginator.count, "page": page, "more": 0, "full": True}
    rows = list(queryset[:LIST_SIZE])
    count = queryset.count()
    return {"rows": rows, "count": count, "more": count - len(rows), "full": False}


def dashboard(request):
    """What is due today: checks to renew or chase, check-ins, site visits, open concerns, lapsing checks."""
    today = timezone.localdate()
    policy = SafetyPolicy.current()
    show = request.GET.get("show", "")
    if show not in SECTION_TITLES:
        show = ""
    check_rows = BackgroundCheck.objects.select_related("contact__organization")

    expiring = check_rows.filter(pk__in=checks_due(State.EXPIRING, today, policy).values("pk")).order_by(
        "expires_on", "pk"
    )
    expired = check_rows.filter(pk__in=checks_due(State.EXPIRED, today, policy).values("pk")).order_by(
        F("expires_on").desc(nulls_last=True), "-pk"
    )
    pending = check_rows.filter(pk__in=checks_due(State.PENDING, today, policy).values("pk")).order_by(
        F("requested_on").asc(nulls_last=True), "pk"
    )

    placements = Placement.objects.select_related("student", "partnership__business")
    due = cadence.check_ins_due(placements, on=today, policy=policy, within_days=DUE_SOON_DAYS).order_by(
        "check_in_since", "pk"
    )
    check_ins = _section(request, "check_ins", due, show)
    for placement in check_ins["rows"]:
        placement.next_due = cadence.next_check_in(placement, policy)
        placement.overdue = placement.next_due < today
    overdue_count = cadence.check_ins_overdue(Placement.objects.all(), on=today, policy=policy).count()

    sites, period = cadence.sites_due_visit(today, policy)
    if period is not None:
        scheduled = SiteVisit.objects.live().filter(status=SiteVisit.Status.SCHEDULED).order_by("scheduled_for")
        sites = sites.prefetch_related(Prefetch("site_visits", queryset=scheduled, to_attr="scheduled_visits"))

    severity_first = Case(
        When(severity=SafetyConcern.Severity.HIGH, then=Value(0)),
        When(severity=SafetyConcern.Severity.MEDIUM, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    concerns = (
        SafetyConcern.objects.open()
        .select_related("student", "partnership__business", "placement")
        .annotate(rank=severity_first)
        .order_by("rank", "created_at")
    )
    lapsing = with_mentor_check(
        cadence.placements_with_lapsing_checks(
            Placement.objects.select_related("student", "partnership__business", "mentor"), policy
        )
    ).order_by("end_date", "pk")

    sections = {
        State.EXPIRING: _section(request, State.EXPIRING, expiring, show),
        State.EXPIRED: _section(request, State.EXPIRED, expired, show),
        State.PENDING: _section(request, State.PENDING, pending, show),
        "check_ins": check_ins,
        "visits": _section(request, "visits", sites, show),
        "concerns": _section(request, "concerns", concerns, show),
        "lapsing": _section(request, "lapsing", lapsing, show),
    }
    return render(
        request,
        "safety/dashboard.html",
        {
            "title": f"Safety: {SECTION_TITLES[show].lower()}" if show else "Safety",
            "today": today,
            "policy": policy,
            "period": period,
            "s": sections,
            "overdue_count": overdue_count,
            "due_soon_count": check_ins["count"] - overdue_count,
            "due_soon_days": DUE_SOON_DAYS,
            "show": show,
        },
    )


# Background checks --------------------------------------------------------------------------------


def check_list(request):
    policy = SafetyPolicy.current()
    checks = BackgroundCheck.objects.select_related("contact__organization", "voided_by").order_by(
        "contact__last_name", "contact__first_name", "-pk"
    )
    filterset = CheckFilter(request.GET, queryset=checks, policy=policy)
    return render(
        request,
        "safety/check_list.html",
        {
            "title": "Background checks",
            "filter": filterset,
            "page": paginate(request, filterset.qs),
            "window": policy.renewal_window_days,
            "breadcrumbs": _dashboard_crumb(),
        },
    )


def _check_outcome(check: BackgroundCheck, policy: SafetyPolicy) -> str:
    state = check.state(window_days=policy.renewal_window_days)
    if state in (State.CLEARED, State.EXPIRING):
        return f"cleared until {_day(check.expires_on)}"
    if state == State.EXPIRED:
        return "expired" + (f" on {_day(check.expires_on)}" if check.expires_on else "")
    return check.get_status_display().lower()


def _latest_check_words(contact: Contact, policy: SafetyPolicy) -> str:
    latest = BackgroundCheck.objects.live().filter(contact=contact).order_by("-pk").first()
    who = f"{contact.full_name} ({contact.organization.name})"
    if latest is None:
        return f"{who} has no background check on record yet."
    return f"{who}: the latest check is {_check_outcome(latest, policy)}. Record the new one here."


@GET_POST
@permission_required("safety.add_backgroundcheck", raise_exception=True)
def check_create(request):
    policy = SafetyPolicy.current()
    contact_id = _id_param(request, "contact")
    form = CheckForm(posted(request), initial={"contact": contact_id} if contact_id else {}, policy=policy)
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["contact"]
        try:
            check = services.check_record(contact=contact, by=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Background check of {contact.full_name} recorded: {_check_outcome(check, policy)}."
            )
            _say_paused(request, check)
            return redirect(next_url(request, reverse("safety:check_list")))
    contact = Contact.objects.select_related("organization").filter(pk=contact_id).first() if contact_id else None
    return form_page(
        request,
        title="Record a background check",
        intro=_latest_check_words(contact, policy) if contact else "Status and dates only: never the report itself.",
        form=form,
        submit="Record check",
        cancel_url=next_url(request, reverse("safety:check_list")),
        breadcrumbs=_checks_crumbs(),
    )


@GET_POST
def check_edit(request, pk):
    """A check's page: its details, the form to update it (until voided), its other checks and history."""
    check = _check(pk)
    policy = SafetyPolicy.current()
    can_edit = not check.is_voided and request.user.has_perm("safety.change_backgroundcheck")
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = None
    if can_edit:
        initial = {name: getattr(check, name) for name in services.CHECK_FIELDS}
        form = CheckForm(posted(request), initial={"contact": check.contact_id, **initial}, policy=policy, check=check)
        if request.method == "POST" and form.is_valid():
            try:
                services.check_update(check=check, by=request.user, **form.service_fields())
            except ValidationError as error:
                add_service_errors(form, error)
                check.refresh_from_db()  # show what is stored, not the rejected values
            else:
                messages.success(
                    request, f"Background check of {check.contact.full_name} saved: {_check_outcome(check, policy)}."
                )
                _say_paused(request, check)
                return redirect(check)
    others = (
        BackgroundCheck.objects.filter(contact=check.contact_id).exclude(pk=check.pk).select_related("voided_by")[:10]
    )
    return render(
        request,
        "safety/check_edit.html",
        {
            "title": f"Background check of {check.contact.full_name}",
            "check": check,
            "form": form,
            "window": policy.renewal_window_days,
            "others": others,
            "history": history(check),
            "breadcrumbs": _checks_crumbs(),
        },
    )


@GET_POST
@permission_required("safety.change_backgroundcheck", raise_exception=True)
def check_void(request, pk):
    check = _check(pk)

    def details():  # asked only when the page is shown, not for the void itself (which pauses them)
        paused = services.placements_paused_by_voiding(check)
        return [f"Voiding it pauses this placement at once: {_placement_name(placement)}." for placement in paused]

    return _void_page(
        request,
        check,
        noun="check",
        what=f"the background check of {check.contact.full_name}",
        back=check.get_absolute_url(),
        breadcrumbs=[*_checks_crumbs(), (f"{check.contact.full_name}", check.get_absolute_url())],
        details=details,
    )


# Site visits --------------------------------------------------------------------------------------


def _visit_title(visit: SiteVisit) -> str:
    return f"Site visit to {visit.partnership.business.name}, {_day(visit.scheduled_for)}"


def _visit_fields(form) -> dict:
    data = form.cleaned_data
    return {
        name: data[name]
        for name in (
            "visitor",
            "scheduled_for",
            "placements",
            "site",
            "status",
            "completed_on",
            "findings",
            "concerns",
            "follow_up",
        )
    }


def _visit_message(visit: SiteVisit) -> str:
    where = visit.partnership.business.name
    if visit.status == SiteVisit.Status.COMPLETED:
        return f"Site visit to {where} on {_day(visit.completed_on)} recorded."
    if visit.status == SiteVisit.Status.CANCELLED:
        return f"Site visit to {where} marked as cancelled."
    return f"Site visit to {where} scheduled for {_day(visit.scheduled_for)}."


@GET_POST
@permission_required("safety.add_sitevisit", raise_exception=True)
def visit_create(request):
    partnership_id = _id_param(request, "partnership")
    if partnership_id is None:
        return render(
            request,
            "safety/choose_partnership.html",
            {
                "title": "Schedule a site visit",
                "form": ChoosePartnershipForm(),
                "breadcrumbs": _dashboard_crumb(),
            },
        )
    partnership = get_object_or_404(Partnership.objects.select_related("business", "school"), pk=partnership_id)
    active = list(partnership.placements.active().values_list("pk", flat=True))
    form = VisitForm(
        posted(request),
        partnership=partnership,
        user=request.user,
        initial={"visitor": request.user.pk, "placements": active, "status": SiteVisit.Status.SCHEDULED},
    )
    back = partnership.get_absolute_url() + "#safety"
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_save(partnership=partnership, **_visit_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _visit_message(visit))
            return redirect(next_url(request, back))
    return form_page(
        request,
        title=f"Schedule a site visit to {partnership.business.name}",
        intro=f"For {partnership.name}. Record it as completed here, or later from the visit's page.",
        form=form,
        submit="Save visit",
        cancel_url=next_url(request, back),
        breadcrumbs=[*_dashboard_crumb(), (partnership.name, back)],
    )


@GET_POST
def visit_edit(request, pk):
    """A visit's page: schedule it, record how it went, see its history."""
    visit = _visit(pk)
    partnership = visit.partnership
    back = partnership.get_absolute_url() + "#safety"
    title = _visit_title(visit)
    can_edit = not visit.is_voided and request.user.has_perm("safety.change_sitevisit")
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    covered = list(visit.placements.select_related("student", "partnership__business"))
    form = None
    if can_edit:
        today = timezone.localdate()
        initial = {
            "visitor": visit.visitor_id,
            "scheduled_for": visit.scheduled_for,
            "placements": [p.pk for p in covered],
            "site": visit.site,
            "status": visit.status,
            "completed_on": visit.completed_on or (visit.scheduled_for if visit.scheduled_for <= today else None),
            "findings": visit.findings,
            "concerns": visit.concerns,
            "follow_up": visit.follow_up,
        }
        form = VisitForm(
            posted(request), partnership=partnership, user=request.user, current_visitor=visit.visitor, initial=initial
        )
        if request.method == "POST" and form.is_valid():
            try:
                visit = services.visit_save(partnership=partnership, visit=visit, **_visit_fields(form))
            except ValidationError as error:
                add_service_errors(form, error)
                visit.refresh_from_db()
            else:
                messages.success(request, _visit_message(visit))
                return redirect(next_url(request, back))
    return render(
        request,
        "safety/visit_edit.html",
        {
            "title": title,
            "visit": visit,
            "covered": covered,
            "form": form,
            "history": history(visit),
            "back": back,
            "breadcrumbs": [*_dashboard_crumb(), (partnership.name, back)],
        },
    )


@GET_POST
@permission_required("safety.change_sitevisit", raise_exception=True)
def visit_void(request, pk):
    visit = _visit(pk)
    return _void_page(
        request,
        visit,
        noun="visit",
        what=f"the site visit to {visit.partnership.business.name} on {_day(visit.scheduled_for)}",
        back=reverse("safety:visit_edit", args=[visit.pk]),
        breadcrumbs=[*_dashboard_crumb(), (visit.partnership.name, visit.partnership.get_absolute_url() + "#safety")],
    )


# Check-ins ----------------------------------------------------------------------------------------


def _next_due(placement, policy: SafetyPolicy) -> datetime.date:
    annotated = cadence.with_last_check_in(Placement.objects.filter(pk=placement.pk)).get()
    return cadence.next_check_in(annotated, policy)


@GET_POST
@permission_required("safety.add_checkin", raise_exception=True)
def check_in_create(request):
    placement_id = _id_param(request, "placement")
    form = CheckInForm(posted(request), initial={"placement": placement_id} if placement_id else {})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        placement = data["placement"]
        try:
            check_in = services.check_in_record(
                placement=placement,
                by=request.user,
                date=data["date"],
                mode=data["mode"],
                wellbeing=data["wellbeing"],
                notes=data["notes"],
                concern=data["concern"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            who = placement.student.full_name
            if check_in.concern:
                messages.success(request, f"Check-in with {who} recorded. Now describe the concern.")
                return redirect(reverse("safety:concern_create") + f"?placement={placement.pk}")
            text = f"Check-in with {who} recorded."
            if placement.status == Placement.Status.ACTIVE:
                text += f" Next check-in due {_day(_next_due(placement, SafetyPolicy.current()))}."
            messages.success(request, text)
            return redirect(next_url(request, placement.get_absolute_url() + "#safety"))
    intro = "A short conversation with the student about how the placement is going."
    placement = (
        Placement.objects.select_related("student", "partnership__business").filter(pk=placement_id).first()
        if placement_id
        else None
    )
    cancel = reverse("safety:dashboard")
    if placement is not None:
        cancel = placement.get_absolute_url() + "#safety"
        if placement.status == Placement.Status.ACTIVE:
            due = _next_due(placement, SafetyPolicy.current())
            intro = f"{_placement_name(placement)}: the next check-in is due {_day(due)}."
    return form_page(
        request,
        title="Record a check-in",
        intro=intro,
        form=form,
        submit="Record check-in",
        cancel_url=next_url(request, cancel),
        breadcrumbs=_dashboard_crumb(),
    )


@GET_POST
@permission_required("safety.change_checkin", raise_exception=True)
def check_in_void(request, pk):
    check_in = _check_in(pk)
    placement = check_in.placement
    back = placement.get_absolute_url() + "#safety"
    return _void_page(
        request,
        check_in,
        noun="check-in",
        what=f"the check-in with {placement.student.full_name} on {_day(check_in.date)}",
        back=back,
        breadcrumbs=[*_dashboard_crumb(), (_placement_name(placement), back)],
        details=[
            f"By {check_in.by.display_name}, {check_in.get_mode_display().lower()}, "
            f"wellbeing {check_in.get_wellbeing_display()}."
        ],
    )


# Concerns -----------------------------------------------------------------------------------------


@GET_POST
@permission_required("safety.add_safetyconcern", raise_exception=True)
def concern_create(request):
    placement_id = _id_param(request, "placement")
    placement = (
        Placement.objects.select_related("student", "partnership__business").filter(pk=placement_id).first()
        if placement_id
        else None
    )
    initial = {}
    if placement is not None:
        initial = {"placement": placement.pk, "student": placement.student_id, "partnership": placement.partnership_id}
    form = ConcernForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = services.concern_report(
                student=data["student"],
                partnership=data["partnership"],
                placement=data["placement"],
                by=request.user,
                severity=data["severity"],
                description=data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            text = "Concern reported."
            if concern.severity == SafetyConcern.Severity.HIGH:
                for paused in concern.paused_placements:
                    text += f" {_placement_name(paused)} is paused."
                text += " The safety lead is being told by email."
            messages.success(request, text)
            return redirect("safety:concern_detail", pk=concern.pk)
    policy = SafetyPolicy.objects.select_related("safety_lead").order_by("pk").first() or SafetyPolicy.current()
    lead = policy.safety_lead.display_name if policy.safety_lead else "every administrator"
    return render(
        request,
        "safety/concern_form.html",
        {
            "title": "Report a safety concern",
            "form": form,
            "placement": placement,
            "Severity": SafetyConcern.Severity,
            "lead": lead,
            "cancel_url": next_url(
                request, placement.get_absolute_url() + "#safety" if placement else reverse("safety:dashboard")
            ),
            "breadcrumbs": _dashboard_crumb(),
        },
    )


@GET_POST
def concern_detail(request, pk):
    """A concern's page: what happened, its status (investigating, resolved) and its history."""
    concern = _concern(pk)
    can_change = (
        not concern.is_voided
        and SafetyConcern.TRANSITIONS[concern.status]
        and request.user.has_perm("safety.change_safetyconcern")
    )
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = ConcernStatusForm(posted(request), concern=concern) if can_change else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.concern_transition(
                concern=concern,
                to_status=form.cleaned_data["status"],
                by=request.user,
                resolution=form.cleaned_data["resolution"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            concern.refresh_from_db()
        else:
            messages.success(request, f"Concern marked as {concern.get_status_display().lower()}.")
            return redirect("safety:concern_detail", pk=concern.pk)
    return render(
        request,
        "safety/concern_detail.html",
        {
            "title": f"{concern.get_severity_display()}-severity concern about {concern.student.full_name}",
            "concern": concern,
            "form": form,
            "history": history(concern),
            "breadcrumbs": _dashboard_crumb(),
        },
    )


@GET_POST
@permission_required("safety.change_safetyconcern", raise_exception=True)
def concern_void(request, pk):
    concern = _concern(pk)
    return _void_page(
        request,
        concern,
        noun="concern",
        what=f"the concern about {concern.student.full_name} reported on {_day(concern.created_at)}",
        back=reverse("safety:concern_detail", args=[concern.pk]),
        breadcrumbs=_dashboard_crumb(),
        details=["Void a concern only if it was recorded in error. A concern that was dealt with is resolved."],
    )


# Protocols ----------------------------------------------------------------------------------------


def protocol_list(request):
    today = timezone.localdate()
    businesses = businesses_that_matter()
    protocols = list(
        SafetyProtocol.objects.current()
        .annotate(
            acknowledged_count=Count(
                "acknowledgments",
                filter=Q(acknowledgments__organization__in=businesses.values("pk")),
                distinct=True,
            )
        )
        .order_by("title")
    )
    business_count = businesses.count()
    for protocol in protocols:
        protocol.missing_count = max(business_count - protocol.acknowledged_count, 0)
    return render(
        request,
        "safety/protocol_list.html",
        {
            "title": "Safety protocols",
            "protocols": protocols,
            "upcoming": SafetyProtocol.objects.filter(effective_on__gt=today).order_by("effective_on", "title"),
            "business_count": business_count,
            "breadcrumbs": _dashboard_crumb(),
        },
    )


@GET_POST
@permission_required("safety.add_safetyprotocol", raise_exception=True)
def protocol_create(request):
    key = request.GET.get("key", "")
    base = None
    if key:
        base = SafetyProtocol.objects.filter(key=key).order_by("-version").first()
        if base is None:
            messages.error(request, "There is no protocol by that name. Write a new one here.")
            return redirect("safety:protocol_create")
    initial = {"title": base.title, "body": base.body} if base else {}
    form = ProtocolForm(posted(request), initial=initial, new_version_of=base)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            protocol = services.protocol_publish(
                key=data["key"], title=data["title"], body=data["body"], effective_on=data["effective_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"“{protocol.title}” version {protocol.version} published. Each business must acknowledge it "
                "before its placements can start.",
            )
            return redirect("safety:protocol_detail", pk=protocol.pk)
    if base:
        title = f"New version of “{base.title}”"
        intro = (
            f"This makes version {base.version + 1}. Version {base.version} stays on record with its "
            "acknowledgments, and every business is asked to acknowledge the new version."
        )
        cancel = reverse("safety:protocol_detail", args=[base.pk])
    else:
        title, intro, cancel = "New safety protocol", "", reverse("safety:protocol_list")
    return form_page(
        request,
        title=title,
        intro=intro,
        form=form,
        submit="Publish version" if base else "Publish protocol",
        cancel_url=cancel,
        breadcrumbs=_protocol_crumbs(),
    )


@GET_POST
def protocol_detail(request, pk):
    """One version: its text, the other versions, and which businesses have acknowledged it."""
    protocol = get_object_or_404(SafetyProtocol, pk=pk)
    today = timezone.localdate()
    versions = list(
        SafetyProtocol.objects.filter(key=protocol.key)
        .annotate(ack_count=Count("acknowledgments"))
        .order_by("-version")
    )
    in_effect = [v for v in versions if v.effective_on <= today]
    current = in_effect[0] if in_effect else None
    if protocol == current:
        version_state = VersionState.CURRENT
    elif protocol.effective_on > today:
        version_state = VersionState.UPCOMING
    else:
        version_state = VersionState.OLDER
    askable = version_state != VersionState.OLDER  # older versions need no more acknowledgments
    can_record = askable and request.user.has_perm("safety.add_protocolacknowledgment")
    if request.method == "POST" and not can_record:
        raise PermissionDenied
    form = None
    if can_record:
        organization_id = _id_param(request, "organization")
        form = AcknowledgmentForm(
            posted(request), protocol=protocol, initial={"organization": organization_id} if organization_id else {}
        )
        if request.method == "POST" and form.is_valid():
            organization = form.cleaned_data["organization"]
            try:
                services.protocol_acknowledge(
                    organization=organization,
                    protocol=protocol,
                    by_name=form.cleaned_data["by_name"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{organization.name} acknowledged “{protocol.title}” (version {protocol.version}).",
                )
                return redirect("safety:protocol_detail", pk=protocol.pk)
    acknowledgments = protocol.acknowledgments.select_related("organization", "acknowledged_by").order_by(
        "organization__name"
    )
    missing = businesses_that_matter().exclude(protocol_acknowledgments__protocol=protocol).order_by("name")
    return render(
        request,
        "safety/protocol_detail.html",
        {
            "title": f"{protocol.title} (version {protocol.version})",
            "protocol": protocol,
            "versions": versions,
            "current": current,
            "askable": askable,
            "version_state": version_state,
            "VersionState": VersionState,
            "acknowledgments": acknowledgments,
            "missing": missing,
            "form": form,
            "breadcrumbs": _protocol_crumbs(),
        },
    )


# Policy -------------------------------------------------------------------------------------------


@GET_POST
@permission_required("safety.change_safetypolicy", raise_exception=True)
def policy_edit(request):
    policy = SafetyPolicy.current()
    form = PolicyForm(posted(request), instance=policy, user=request.user)
    periods = GradingPeriodFormSet(posted(request), instance=policy, prefix="periods")
    if request.method == "POST" and form.is_valid() and periods.is_valid():
        with transaction.atomic():
            form.save()
            periods.save()
        messages.success(request, "Safety policy saved. Due dates everywhere follow it from now on.")
        return redirect("safety:policy_edit")
    return render(
        request,
        "safety/policy_form.html",
        {
            "title": "Safety policy",
            "form": form,
            "periods": periods,
            "history": history(policy, limit=10),
            "breadcrumbs": _dashboard_crumb(),
        },
    )
