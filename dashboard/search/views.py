"""The search page: one box for coordinators across partnerships, organizations, contacts and students.
AccessMiddleware keeps partners out (the same 404 as any staff page); each kind also asks for its model's
view permission (dashboard.search.kinds)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.roles import STAFF_UI_PERMISSION
from dashboard.search import selectors
from dashboard.search.forms import SearchForm


def _listed(words: list[str]) -> str:
    """ "a", "a or b", "a, b or c"."""
    return " or ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


@require_GET
@permission_required(STAFF_UI_PERMISSION, raise_exception=True)
def search(request):
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    groups = selectors.search(request.user, q)
    return render(
        request,
        "dashboard/search/results.html",
        {
            "title": f"Search: {q}" if q else "Search",
            "form": form,
            "q": q,
            "groups": groups,
            "found": sum(group.count for group in groups),
            "empty_labels": _listed([group.kind.label.lower() for group in groups if not group.count]),
        },
    )
