from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts import signed_links


@never_cache  # most links show something about a student: no browser or proxy may keep a copy
def signed_link(request, token):
    """Open a signed link: hand it to the view registered for its purpose, or say why it cannot be used."""
    try:
        link = signed_links.resolve(token)
    except signed_links.LinkInvalid as invalid:
        return link_unusable(request, invalid.reason)
    return signed_links.handler_for(link.purpose)(request, link)


def link_unusable(request, reason: str):
    """The page for a link that was used, has expired or was changed. Says what to do; changes nothing."""
    status = 404 if reason == "tampered" else 410
    return render(
        request, "links/unusable.html", {"reason": reason, "title": "This link cannot be used"}, status=status
    )
