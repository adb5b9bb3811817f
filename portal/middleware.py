"""Deny by default for the whole /portal/ prefix: a signed-in partner with a membership, or nothing.

Every portal view can then rely on `request.organization`, and starts its queries from it.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from partnerships.models import PartnerMembership

PREFIX = "/portal/"


class PortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = (
            PartnerMembership.objects.filter(user=request.user, user__is_active=True)
            .select_related("organization")
            .order_by("organization__name")
            .first()
        )
        if membership is None:
            raise Http404("Page not found")
        request.membership = membership
        request.organization = membership.organization
        return self.get_response(request)
