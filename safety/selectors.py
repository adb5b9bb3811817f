"""Named reads the safety pages, forms and template tags share."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Subquery

from partnerships.models import Organization, Partnership
from safety.models import BackgroundCheck, SafetyPolicy
from students.models import Placement


def businesses_that_matter():
    """Businesses with an active partnership or an open placement: the ones protocols are asked of."""
    active_partnership = Partnership.objects.active().filter(business=OuterRef("pk"))
    open_placement = Placement.objects.open().filter(partnership__business=OuterRef("pk"))
    return Organization.objects.businesses().filter(Exists(active_partnership) | Exists(open_placement))


def checks_due(state: str, today, policy: SafetyPolicy):
    """The checks the dashboard counts: each active person's latest live check, by state."""
    checks = BackgroundCheck.objects.filter(contact__active=True)
    if state == BackgroundCheck.State.EXPIRING:
        checks = checks.expiring(on=today, window_days=policy.renewal_window_days)
    elif state == BackgroundCheck.State.EXPIRED:
        checks = checks.expired(today)
    else:
        checks = checks.pending()
    return checks.latest_per_contact()


def with_mentor_check(placements):
    """Annotate `mentor_check_expires`: the latest expiry of the mentor's live cleared checks (or None)."""
    cleared = BackgroundCheck.objects.live().filter(contact=OuterRef("mentor"), status=BackgroundCheck.Status.CLEARED)
    return placements.annotate(mentor_check_expires=Subquery(cleared.order_by("-expires_on").values("expires_on")[:1]))
