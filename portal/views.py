"""Partner-facing views. Each starts from request.organization (set by PortalMiddleware)."""

from django.shortcuts import render

from communications.models import ThankYouNote
from core.pages import paginate
from partnerships.models import Partnership, PointOfContact, Side


def home(request):
    organization = request.organization
    partnerships = Partnership.objects.open().filter(business=organization).select_related("school").order_by("name")
    school_contacts = (
        PointOfContact.objects.current()
        .primary()
        .filter(partnership__in=partnerships, side=Side.SCHOOL)
        .select_related("contact", "partnership")
    )
    contacts_by_partnership = {poc.partnership_id: poc.contact for poc in school_contacts}
    rows = [(partnership, contacts_by_partnership.get(partnership.pk)) for partnership in partnerships]
    return render(
        request,
        "portal/home.html",
        {"organization": organization, "membership": request.membership, "rows": rows},
    )


def thanks(request):
    """Approved thank-you notes to this organization's partnerships, newest first."""
    notes = (
        ThankYouNote.objects.filter(partnership__business=request.organization, status=ThankYouNote.Status.APPROVED)
        .select_related("partnership__school", "student__school")
        .order_by("-reviewed_at", "-pk")
    )
    return render(
        request,
        "portal/thanks.html",
        {"organization": request.organization, "page": paginate(request, notes), "title": "Notes from students"},
    )
