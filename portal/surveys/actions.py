"""The home page's "a survey is open": one item per survey waiting for the signed-in person's answer,
gone once it is answered (here or through the emailed link) or its link runs out."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from portal.access import Ability
from portal.actions import Action, provides
from portal.surveys import queries


@provides(Ability.SURVEYS)
def items(request: HttpRequest) -> list[Action]:
    surveys = queries.open_surveys(request).select_related("partnership__school", "link").order_by("pk")
    return [
        Action(
            title=f"A survey is open: {queries.heading(survey)}",
            url=reverse("portal:survey", args=[survey.pk]),
            detail=f"For {survey.partnership.school.name}. Four quick questions.",
            due_on=queries.closes_on(survey),
        )
        for survey in surveys
    ]
