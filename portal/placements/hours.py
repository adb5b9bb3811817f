"""A mentor's hours pages: the student's entries waiting for them (tick many, or all), then one confirmation
step that lists what will be confirmed, or a reason to send them back to the school's coordinator, who
corrects them and sends them back to be confirmed. Only for placements the person mentors or assists with.

The list's form is a GET to the confirmation pages (choosing changes nothing); only their POST does.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.views.decorators.http import require_GET

from communications.models import Reminder
from communications.reminders import events
from core.pages import GET_POST
from portal.access import Ability, needs
from portal.pages import confirm_page
from portal.placements.forms import ChosenHoursForm, SendBackForm
from portal.placements.views import HOURS, crumbs, mentored_placement, shown
from students import disclosures
from students.hours import services as hours_services

FIELDS = (disclosures.NAME, HOURS)


def _entries_words(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _total(entries) -> str:
    total = sum(entry.hours for entry in entries)
    return f"{floatformat(total, -2)} hour{'' if total == 1 else 's'}"


@require_GET
@needs(Ability.MENTOR_WORK)
def hours_list(request, pk):
    placement, host = mentored_placement(request, pk)
    entries = list(placement.hours.all())
    shown(request, [placement], page="Hours to confirm", fields=FIELDS)
    to_verify = [entry for entry in entries if not entry.is_verified and not entry.is_rejected]
    return render(
        request,
        "portal/placements/hours.html",
        {
            "title": f"Hours of {host.student_name}",
            "page_title": "Hours",  # no student's name in the window's title (browser history, tabs)
            "breadcrumbs": crumbs(host),
            "host": host,
            "to_verify": to_verify,
            "to_verify_total": _total(to_verify),
            "sent_back": [entry for entry in entries if entry.is_rejected],
            "confirmed": [entry for entry in entries if entry.is_verified],
        },
    )


def _chosen(request, form, hours_url):
    """The entries chosen, or the answer when there are none to go on with: a 404 for an id that is not one
    of this placement's hours; back to the list, saying why, for nothing chosen or hours decided since."""
    if not form.is_valid() and form.has_error("entries"):
        if form.names_other_hours():
            raise Http404("Page not found")
        messages.error(request, form.errors["entries"][0])
        return None, redirect(hours_url)
    chosen = list(form.cleaned_data.get("entries") or [])
    if request.method == "GET" and any(entry.is_verified or entry.is_rejected for entry in chosen):
        messages.error(request, "Some of the hours you chose were confirmed or sent back meanwhile. Choose again.")
        return None, redirect(hours_url)
    return sorted(chosen, key=lambda entry: (entry.date, entry.pk)), None


def _details(entries) -> list[str]:
    return [f"{hours_services.hours_words(entry)}: {entry.activity}" for entry in entries]


@GET_POST
@needs(Ability.MENTOR_WORK)
def hours_confirm(request, pk):
    """GET (from the list): what will be confirmed. POST: confirm it all, or nothing."""
    placement, host = mentored_placement(request, pk)
    hours_url = reverse("portal:placement_hours", args=[placement.pk])
    form = ChosenHoursForm(request.POST if request.method == "POST" else request.GET, entries=placement.hours.all())
    chosen, answer = _chosen(request, form, hours_url)
    if answer:
        return answer
    errors = []
    if request.method == "POST":
        try:
            done = hours_services.hours_verify_batch(entries=chosen, by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"{_entries_words(len(done))} confirmed ({_total(done)}). Thank you.")
            return redirect(hours_url)
    shown(request, [placement], page="Confirm hours", fields=FIELDS)
    return confirm_page(
        request,
        title=f"Confirm hours of {host.student_name}",
        page_title="Confirm hours",
        message=f"You confirm that {host.student_name} worked these hours ({_total(chosen)} in all). "
        "The school sees them as confirmed by you; this cannot be undone.",
        details=_details(chosen),
        submit=f"Confirm {_entries_words(len(chosen))}",
        cancel_url=hours_url,
        breadcrumbs=crumbs(host),
        danger=False,
        form=form,
        errors=errors,
    )


@GET_POST
@needs(Ability.MENTOR_WORK)
def hours_reject(request, pk):
    """GET (from the list): what will be sent back, and a box for why. POST: send it all back, or nothing,
    and tell the school at once."""
    placement, host = mentored_placement(request, pk)
    hours_url = reverse("portal:placement_hours", args=[placement.pk])
    if request.method == "POST":
        form = SendBackForm(request.POST, entries=placement.hours.all())
    else:
        form = ChosenHoursForm(request.GET, entries=placement.hours.all())
    chosen, answer = _chosen(request, form, hours_url)
    if answer:
        return answer
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            done = hours_services.hours_reject(entries=chosen, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            errors = error.messages
        else:
            events.notify(
                kind=Reminder.Kind.HOURS_REJECTED,
                subject=placement,
                title=f"Hours sent back for {host.student_name} at {request.organization.name}",
                body=f"{request.user.display_name} sent back {_entries_words(len(done))}: "
                f"{form.cleaned_data['reason'].strip()}",
                url=placement.get_absolute_url() + "#hours",
                partnership_id=placement.partnership_id,
            )
            messages.success(
                request, f"{_entries_words(len(done))} sent back to the school. They come back to you once corrected."
            )
            return redirect(hours_url)
    if request.method == "GET":
        form = SendBackForm(initial={"entries": chosen}, entries=placement.hours.all())
    shown(request, [placement], page="Send hours back", fields=FIELDS)
    return confirm_page(
        request,
        title=f"Send back hours of {host.student_name}",
        page_title="Send hours back",
        message="These hours go back to the school's coordinator with what you write. They are not confirmed "
        "until the coordinator corrects them and you confirm them.",
        details=_details(chosen),
        submit=f"Send back {_entries_words(len(chosen))}",
        cancel_url=hours_url,
        breadcrumbs=crumbs(host),
        danger=False,
        form=form,
        errors=errors,
    )
