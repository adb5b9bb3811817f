"""The suggestions behind core.suggest's text fields: a few rows matching what was typed, as JSON."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse

from core import suggest
from core.filters import clean_text


def suggestions(request: HttpRequest, name: str) -> JsonResponse:
    """`{"results": [{"value", "label"}, …]}`: at most suggest.SUGGESTIONS rows of chooser `name` that
    match `?q=`. Coordinators only (AccessMiddleware keeps partners out), and each chooser's view
    permission."""
    chooser = suggest.chooser(name)
    if chooser is None:
        raise Http404("No such list.")
    if not request.user.has_perm(chooser.permission):
        raise PermissionDenied
    text = clean_text(request.GET.get("q", ""))[:100]
    return JsonResponse({"results": chooser.suggest(text)})
