"""Deny by default for the whole /portal/ prefix: a signed-in partner with an active membership, or nothing.

It also picks the organization the request is scoped to. A person who works for one business has it; a
person in several chooses one (`portal:choose`), kept in the session, and `?organization=<id>` in a link
(a reminder's, say) switches to that one when they belong to it. Every portal view can then rely on
`request.membership` and `request.organization`, and starts its queries from them (portal.scope).

Partners' sessions end after SESSION_IDLE_MINUTES without a request, like everyone's
(accounts.middleware.IdleTimeoutMiddleware, which runs first); portal pages are never cached, since most show
something about a student.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from partnerships.models import PartnerMembership

PREFIX = "/portal/"
CHOSEN = "portal_organization"


class PortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        response = self._portal(request)
        add_never_cache_headers(response)
        return response

    def _portal(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        memberships = list(PartnerMembership.objects.active().filter(user=request.user).select_related("organization"))
        if not memberships:
            raise Http404("Page not found")
        by_organization = {str(m.organization_id): m for m in memberships}
        wanted = request.GET.get("organization")
        if wanted in by_organization:
            request.session[CHOSEN] = wanted
        chosen = by_organization.get(str(request.session.get(CHOSEN)))
        if chosen is None and len(memberships) == 1:
            chosen = memberships[0]
        request.memberships = sorted(memberships, key=lambda m: m.organization.name)
        choose = reverse("portal:choose")
        if chosen is None:
            if request.path_info == choose:
                request.membership = request.organization = None
                return self.get_response(request)
            return redirect(f"{choose}?{urlencode({'next': request.get_full_path()})}")
        request.membership = chosen
        request.organization = chosen.organization
        return self.get_response(request)
