"""Coordinator pages for thank-you notes: the list (with who has not been thanked this term), starting a
note by hand, and a note's page, where a student is asked to write it and the note is approved (perhaps
edited) or rejected.

AccessMiddleware keeps everyone but coordinators out; each write also checks the model permission.
The rules live in communications.thanks.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from communications.models import ThankYouNote
from communications.thanks import selectors as thanks
from communications.thanks import services as thanks_services
from communications.thanks.forms import (
    STATUS_TABS,
    ThanksApproveForm,
    ThanksInviteForm,
    ThanksRejectForm,
    ThanksStartForm,
    ThanksStatusForm,
)
from core.filters import id_from
from core.pages import GET_POST, add_service_errors, confirm_page, form_page, paginate, posted
from partnerships.choosers import choose_partnership_page
from partnerships.models import Partnership
from safety.selectors import school_choice

NOT_THANKED_SIZE = 10  # rows in the "not thanked yet" card; "and N more" says the rest
Status = ThankYouNote.Status
LIST_ORDER = {
    Status.SUBMITTED: ("submitted_at", "pk"),  # the longest waiting first
    Status.PROMPTED: ("-milestone_on", "-pk"),
    Status.APPROVED: ("-reviewed_at", "-pk"),
    Status.REJECTED: ("-reviewed_at", "-pk"),
}


def _crumbs():
    return [
        ("Communications", reverse("communications:log_list")),
        ("Thank-you notes", reverse("communications:thanks_list")),
    ]


def _note(pk) -> ThankYouNote:
    return get_object_or_404(
        ThankYouNote.objects.select_related(
            "partnership__business", "partnership__school", "placement", "student__school", "link", "reviewed_by"
        ),
        pk=pk,
    )


def _what(note: ThankYouNote) -> str:
    return f"{note.get_milestone_display()}, {note.milestone_on:%-d %b %Y}"


@require_GET
def thanks_list(request):
    """Who has not been thanked this term, then the notes by status, waiting for approval first.
    `?school=<id>` narrows both to one school's partnerships (as the dashboard's card counts them)."""
    today = timezone.localdate()
    term, start, end = thanks.thanks_term(today)
    choice = school_choice(request.GET)
    school, scope = choice.school, choice.scope
    thanked, not_thanked = thanks.partners_thanked_between(start, end, school)
    status = ThanksStatusForm(request.GET).status_or_default()
    counts = dict(scope.of_partnership(ThankYouNote.objects.order_by()).values_list("status").annotate(n=Count("pk")))
    tabs = [(value, label, counts.get(value, 0)) for value, label in STATUS_TABS]
    notes = scope.of_partnership(thanks.notes_for_list()).filter(status=status).order_by(*LIST_ORDER[status])
    return render(
        request,
        "communications/thanks/list.html",
        {
            "title": f"Thank-you notes at {school.name}" if school else "Thank-you notes",
            **choice.context,
            "also": scope.also,  # keeps the school on the tabs' links
            "term": term,
            "term_start": start,
            "term_end": end,
            "thanked_count": len(thanked),
            "active_count": len(thanked) + len(not_thanked),
            "not_thanked": not_thanked[:NOT_THANKED_SIZE],
            "not_thanked_more": max(len(not_thanked) - NOT_THANKED_SIZE, 0),
            "status": status,
            "NoteStatus": Status,
            "status_label": dict(STATUS_TABS)[status],
            "tabs": tabs,
            "page": paginate(request, notes),
            "breadcrumbs": _crumbs()[:1],
        },
    )


@GET_POST
@permission_required("communications.add_thankyounote", raise_exception=True)
def thanks_create(request):
    pk = id_from(request.GET.get("partnership", ""))
    if pk is None:
        return choose_partnership_page(
            request,
            title="Start a thank-you note",
            question="Which partner is it to?",
            hint="Next you say what the note is for, then choose the student who writes it.",
            cancel_url=reverse("communications:thanks_list"),
            breadcrumbs=_crumbs(),
        )
    partnership = get_object_or_404(
        Partnership.objects.open().select_related("school", "business"),
        pk=pk,
    )
    form = ThanksStartForm(posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            note = thanks_services.thanks_start(partnership=partnership, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Thank-you note to {partnership.business.name} started. Now ask a student.")
            return redirect(note.get_absolute_url())
    return form_page(
        request,
        title=f"Start a thank-you note to {partnership.business.name}",
        intro=f"For {partnership.name}. Next you choose the student who writes it.",
        form=form,
        submit="Start note",
        cancel_url=reverse("communications:thanks_list"),
        breadcrumbs=_crumbs(),
    )


@require_GET
def thanks_detail(request, pk):
    """A note's page: what it is for, and the next step for its status."""
    note = _note(pk)
    invite_form = approve_form = None
    can_change = request.user.has_perm("communications.change_thankyounote")
    if can_change and note.status == Status.PROMPTED:
        invite_form = ThanksInviteForm(note=note, initial={"student": note.student_id})
    if can_change and note.status == Status.SUBMITTED:
        approve_form = ThanksApproveForm(initial={"body": note.body})
    return render(
        request,
        "communications/thanks/detail.html",
        {
            "title": f"Thank-you note to {note.partnership.business.name}",
            "note": note,
            "what": _what(note),
            "school": thanks.school_of(note),
            "link_open": thanks.link_is_open(note.link),
            "link_url": thanks.link_url(note.link) if thanks.link_is_open(note.link) else "",
            "invite_form": invite_form,
            "approve_form": approve_form,
            "can_change": can_change,
            "breadcrumbs": _crumbs(),
        },
    )


def _wrong_status(request, note: ThankYouNote, needed: str):
    messages.info(request, f"This note is {note.get_status_display().lower()}: {needed}")
    return redirect(note.get_absolute_url())


@GET_POST
@permission_required("communications.change_thankyounote", raise_exception=True)
def thanks_invite(request, pk):
    """Choose the student who writes the note; the page of the note then shows the link to hand them."""
    note = _note(pk)
    if note.status != Status.PROMPTED:
        return _wrong_status(request, note, "a student can no longer be asked to write it.")
    form = ThanksInviteForm(posted(request), note=note, initial={"student": note.student_id})
    if request.method == "POST" and form.is_valid():
        student = form.cleaned_data["student"]
        replaced = thanks.link_is_open(note.link)
        try:
            thanks_services.thanks_invite(note=note, student=student, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            again = " The earlier link no longer works." if replaced else ""
            messages.success(request, f"Link for {student.full_name} ready: copy it below and hand it over.{again}")
            return redirect(note.get_absolute_url())
    return form_page(
        request,
        title="Ask a student to write the note",
        intro=f"To {note.partnership.business.name}, for: {_what(note).lower()}.",
        form=form,
        submit="Make the link",
        cancel_url=note.get_absolute_url(),
        breadcrumbs=[*_crumbs(), (f"Note to {note.partnership.business.name}", note.get_absolute_url())],
    )


@GET_POST
@permission_required("communications.change_thankyounote", raise_exception=True)
def thanks_approve(request, pk):
    """Confirm, then approve and email the partner. A POST from the note's page (no `confirm`) shows the
    confirmation with what was typed; the confirmation's own POST approves."""
    note = _note(pk)
    if note.status != Status.SUBMITTED:
        return _wrong_status(request, note, "only a note waiting for approval can be approved.")
    data = posted(request)
    if data is not None and data.get("confirm") == "yes":
        form = ThanksApproveForm(data)
        if form.is_valid():
            try:
                thanks_services.thanks_approve(note=note, by=request.user, body=form.cleaned_data["body"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"Note approved. {note.partnership.business.name} will get it by email and in the portal."
                )
                return redirect(note.get_absolute_url())
    else:
        form = ThanksApproveForm(initial={"body": data.get("body", note.body) if data is not None else note.body})
    recipients = thanks.partner_recipients(note.partnership)
    to = ", ".join(recipients) if recipients else "nobody yet (the business has no contact with an email)"
    return confirm_page(
        request,
        title="Approve this note and email it?",
        message=f"The note below goes to {note.partnership.business.name} by email, to {to}, and appears in "
        "their partner portal. It cannot be taken back once sent.",
        submit="Approve and email",
        cancel_url=note.get_absolute_url(),
        breadcrumbs=[*_crumbs(), (f"Note to {note.partnership.business.name}", note.get_absolute_url())],
        danger=False,
        form=form,
    )


@GET_POST
@permission_required("communications.change_thankyounote", raise_exception=True)
def thanks_reject(request, pk):
    note = _note(pk)
    if note.status != Status.SUBMITTED:
        return _wrong_status(request, note, "only a note waiting for approval can be rejected.")
    form = ThanksRejectForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            thanks_services.thanks_reject(note=note, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Note rejected. {note.partnership.business.name} will not see it.")
            return redirect(note.get_absolute_url())
    return confirm_page(
        request,
        title="Reject this note?",
        message=f"The note will not be sent to {note.partnership.business.name}. It stays on record with your "
        "name, today's date and your reason. Rejecting cannot be undone.",
        submit="Reject note",
        cancel_url=note.get_absolute_url(),
        breadcrumbs=[*_crumbs(), (f"Note to {note.partnership.business.name}", note.get_absolute_url())],
        form=form,
    )
