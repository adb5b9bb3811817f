"""The portal's menu: each entry shown only to roles whose abilities include it (portal.access)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from portal.access import Ability, abilities


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    ability: Ability | None = None  # None: everyone with a membership


MENU = (
    Entry("Home", "portal:home"),
    Entry("Charter", "portal:charter", Ability.READ_CHARTER),
    Entry("Safety", "portal:safety", Ability.READ_PROTOCOLS),
    Entry("Placements", "portal:placements", Ability.PLACEMENTS),
    Entry("Messages", "portal:messages", Ability.MESSAGE),
    Entry("Surveys", "portal:surveys", Ability.SURVEYS),
    Entry("Thanks", "portal:thanks", Ability.THANKS),
    Entry("Commitments", "portal:commitments", Ability.COMMITMENTS),
    Entry("Contacts", "portal:contacts", Ability.CONTACTS),
    Entry("Team", "portal:team", Ability.TEAM),
    Entry("Calendar", "portal:calendar", Ability.CALENDAR),
    Entry("Guide", "portal:guide", Ability.GUIDE),
)


def menu(request) -> list[tuple[str, str, bool]]:
    """(label, url, current) for each entry this person may open."""
    granted = abilities(request.membership.role)
    path = request.path_info
    entries = []
    for entry in MENU:
        if entry.ability is None or entry.ability in granted:
            url = reverse(entry.url_name)
            current = path == url if url == reverse("portal:home") else path.startswith(url)
            entries.append((entry.label, url, current))
    return entries
