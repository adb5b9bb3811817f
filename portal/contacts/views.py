"""The organization's people, kept current by its administrators: add, edit, deactivate someone who left; who
answers for the business in each partnership, and handing that post over.

Leaving a primary post of a live partnership needs a successor in the same step (the handoff rule, decided in
partnerships.services: `contact_deactivate`, `poc_handoff`); successors are the organization's other active
people. School-side people are not the business's to edit: only its own contacts are in scope (404 otherwise).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.pages import GET_POST, add_service_errors, paginate, posted
from core.refusals import Fix, Refused, refusal_of
from partnerships import services
from partnerships.forms import ContactForm
from partnerships.models import Contact, PointOfContact, Side
from portal import pages, scope
from portal.access import Ability, needs
from portal.contacts.forms import DeactivateForm, HandoffForm

PARTNERSHIPS_PER_PAGE = 10


def _list_url() -> str:
    return reverse("portal:contacts")


def _points_url() -> str:
    return reverse("portal:points_of_contact")


def _crumbs() -> list[tuple[str, str]]:
    return [("Contacts", _list_url())]


def _live_partnerships(request):
    return scope.partnerships(request).open()


def _others(request, contact):
    """Who can take over from `contact`: the organization's other active people."""
    return scope.contacts(request).active().exclude(pk=contact.pk).order_by("last_name", "first_name")


@needs(Ability.CONTACTS)
def contact_list(request):
    """The organization's people, active first, each with the partnerships they answer for."""
    contacts = (
        scope.contacts(request)
        .order_by("-active", "last_name", "first_name", "pk")
        .prefetch_related(
            Prefetch(
                "points_of_contact",
                queryset=PointOfContact.objects.unended()
                .filter(partnership__in=_live_partnerships(request))
                .select_related("partnership__school")
                .order_by("role", "partnership__name"),
                to_attr="posts",
            )
        )
    )
    return render(
        request,
        "portal/contacts/list.html",
        {"title": "Contacts", "page": paginate(request, contacts)},
    )


@GET_POST
@needs(Ability.CONTACTS)
def contact_create(request):
    organization = request.organization
    form = ContactForm(posted(request), instance=Contact(organization=organization))
    return pages.model_form_page(
        request,
        form=form,
        saved=lambda contact: f"{contact} added to {organization.name}.",
        success_url=_list_url(),
        title=f"Add a person at {organization.name}",
        submit="Add person",
        cancel_url=_list_url(),
        breadcrumbs=_crumbs(),
    )


@GET_POST
@needs(Ability.CONTACTS)
def contact_edit(request, pk):
    contact = get_object_or_404(scope.contacts(request), pk=pk)
    title = f"Edit {contact}"  # before binding: validation writes what was typed onto the instance
    return pages.model_form_page(
        request,
        form=ContactForm(posted(request), instance=contact),
        saved=lambda contact: f"{contact} saved.",
        success_url=_list_url(),
        title=title,
        submit="Save changes",
        cancel_url=_list_url(),
        breadcrumbs=_crumbs(),
    )


@GET_POST
@needs(Ability.CONTACTS)
def contact_deactivate(request, pk):
    """Someone left: they are no longer offered as a contact, and each primary post they hold in a live
    partnership passes to the successor named for it, in the same step."""
    contact = get_object_or_404(scope.contacts(request), pk=pk)
    if not contact.active:
        messages.info(request, f"{contact} is already inactive.")
        return redirect(_list_url())
    people = _others(request, contact)
    posts = list(services.contact_posts_needing_successor(contact).select_related("partnership__school"))
    form = DeactivateForm(posted(request), posts=posts, people=people)
    if request.method == "POST" and form.is_valid():
        successors = form.successors()
        try:
            services.contact_deactivate(
                contact=contact, by=request.user, successors=successors, notes=form.cleaned_data["notes"]
            )
        except ValidationError as error:
            add_service_errors(form, _for_partners(error))
        else:
            handed = [f"{successors[poc.pk]} took over as primary contact of {poc.partnership.name}." for poc in posts]
            told = " Both sides will be told by email." if handed else ""
            messages.success(request, " ".join([f"{contact} is now inactive.", *handed]) + told)
            return redirect(_list_url())
    intro = f"{contact} will no longer be offered as a contact of {request.organization.name}. Their history stays."
    if len(posts) == 1:
        school = posts[0].partnership.school.name
        intro += f" {contact.first_name} is the primary contact for the partnership with {school}: name who takes over."
    elif posts:
        intro += f" {contact.first_name} is the primary contact of {len(posts)} live partnerships"
        intro += ": name who takes over each one."
    return _successor_form(
        request,
        title=f"Deactivate {contact}?",
        intro=intro,
        form=form,
        submit="Deactivate",
        cancel_url=_list_url(),
        breadcrumbs=_crumbs(),
        danger=True,
        no_successors=bool(posts) and not people.exists(),
    )


def _for_partners(error: ValidationError) -> ValidationError:
    """A refusal as a partner may read it: the readiness gate's lists students' placements and links each to a
    staff page, so only its lead is kept (it names the contact, no student), with what to do instead."""
    refusal = refusal_of(error)
    if refusal is None:
        return error
    count = len(refusal.fixes)
    placements = f"{count} active placement{'s' if count != 1 else ''}"
    return Refused(refusal.lead, [Fix(f"Ask the district to name another mentor for {placements} first.")])


@needs(Ability.CONTACTS)
def points_of_contact(request):
    """Who answers for the business in each live partnership, and whom they talk to at the school."""
    partnerships = _live_partnerships(request).select_related("school").order_by("name", "pk")
    page = paginate(request, partnerships, per_page=PARTNERSHIPS_PER_PAGE)
    shown = list(page.object_list)
    posts = (
        PointOfContact.objects.unended()
        .filter(partnership__in=[p.pk for p in shown])
        .filter(side=Side.BUSINESS)
        .select_related("contact")
        .order_by("role", "start_date", "pk")
    )
    school_primaries = (
        PointOfContact.objects.current().primary().filter(partnership__in=[p.pk for p in shown], side=Side.SCHOOL)
    )
    ours = {p.pk: [] for p in shown}
    for poc in posts:
        ours[poc.partnership_id].append(poc)
    school = {poc.partnership_id: poc.contact for poc in school_primaries.select_related("contact")}
    return render(
        request,
        "portal/contacts/points.html",
        {
            "title": "Points of contact",
            "page": page,
            "rows": [(p, ours[p.pk], school.get(p.pk)) for p in shown],
        },
    )


@GET_POST
@needs(Ability.CONTACTS)
def poc_handoff(request, pk):
    """Pass a business-side post (the primary, say) to a colleague, with notes; what is still open goes
    with it and both sides are told."""
    poc = get_object_or_404(
        PointOfContact.objects.filter(side=Side.BUSINESS, partnership__in=_live_partnerships(request)).select_related(
            "contact", "partnership__school", "partnership__business"
        ),
        pk=pk,
    )
    if not poc.is_current:
        messages.info(request, f"{poc.contact} already handed this over on {poc.end_date:%d %b %Y}.")
        return redirect(_points_url())
    partnership = poc.partnership
    people = _others(request, poc.contact)
    form = HandoffForm(posted(request), people=people)
    if request.method == "POST" and form.is_valid():
        try:
            handoff = services.poc_handoff(
                poc=poc, successor=form.cleaned_data["successor"], by=request.user, notes=form.cleaned_data["notes"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{handoff.to_poc.contact} took over from {poc.contact}. Both sides will be told by email."
            )
            return redirect(_points_url())
    role = poc.get_role_display().lower()
    return _successor_form(
        request,
        title=f"Hand over from {poc.contact}",
        intro=f"{poc.contact} is the {role} contact of {partnership.business.name} for the partnership with "
        f"{partnership.school.name}. Choose who takes over from today; the school is told.",
        form=form,
        submit="Hand over",
        cancel_url=_points_url(),
        breadcrumbs=[("Points of contact", _points_url())],
        open_items=services.open_items_snapshot(partnership),
        no_successors=not people.exists(),
    )


def _successor_form(request, **context):
    """The shared form page's layout, and a way out when nobody else could take over."""
    return render(request, "portal/contacts/successor_form.html", context)
