"""Messages to the district: an update or question about one of the organization's partnerships, which
becomes a log entry on it (communications.log.services.partner_message_send) and reaches the school's
point of contact at once; and the messages the organization sent.

An administrator sees every message the organization sent; a mentor only their own (a colleague's message
may be about a student the mentor does not host). The school's own log is never shown: only portal
messages from this business."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from communications.log.services import partner_message_send
from communications.models import LogEntry
from core.filters import id_from
from core.pages import GET_POST, add_service_errors, paginate, posted
from portal import pages, scope
from portal.access import Ability, needs
from portal.messages.forms import MessageForm


def _sent(request):
    entries = LogEntry.objects.live().filter(
        channel=LogEntry.Channel.PORTAL,
        direction=LogEntry.Direction.INCOMING,
        partnership__in=scope.partnerships(request),
    )
    if not request.membership.is_admin:
        entries = entries.filter(logged_by=request.user)
    return entries.select_related("partnership__school", "logged_by").order_by("-occurred_at", "-pk")


def _crumbs():
    return [("Home", reverse("portal:home")), ("Messages", reverse("portal:messages"))]


@needs(Ability.MESSAGE)
def message_list(request):
    return render(
        request,
        "portal/messages/list.html",
        {"title": "Messages to the school", "page": paginate(request, _sent(request))},
    )


@needs(Ability.MESSAGE)
@GET_POST
def message_send(request):
    partnerships = scope.partnerships(request).engaged()
    initial = {}
    chosen = id_from(request.GET.get("partnership", ""))
    if chosen is not None:
        initial["partnership"] = chosen
    form = MessageForm(posted(request), partnerships=partnerships, initial=initial)
    if request.method == "POST" and form.is_valid():
        partnership = form.cleaned_data["partnership"]
        try:
            partner_message_send(
                partnership=partnership,
                by=request.user,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Message sent to {partnership.school.name}. They will answer you directly.")
            return redirect("portal:messages")
    if not form.fields["partnership"].queryset:
        return render(request, "portal/messages/none.html", {"title": "Send a message", "breadcrumbs": _crumbs()})
    return pages.form_page(
        request,
        title="Send a message",
        intro="Send an update or a question to the school. It is kept in the school's record of your partnership.",
        form=form,
        submit="Send message",
        cancel_url=reverse("portal:messages"),
        breadcrumbs=_crumbs(),
    )
