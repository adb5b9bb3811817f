"""Thanks to the business: students' approved thank-you notes, published stories about its partnerships,
and its consent to being recognised in public."""

from django.shortcuts import render

from communications.models import ThankYouNote
from core.pages import paginate
from portal.access import Ability, needs


@needs(Ability.THANKS)
def thanks(request):
    """Approved thank-you notes to this organization's partnerships, newest first."""
    notes = (
        ThankYouNote.objects.filter(partnership__business=request.organization, status=ThankYouNote.Status.APPROVED)
        .select_related("partnership__school", "student__school")
        .order_by("-reviewed_at", "-pk")
    )
    return render(request, "portal/thanks.html", {"page": paginate(request, notes), "title": "Notes from students"})
