"""A refusal that says what is wrong and where each thing is put right.

Services raise `Refused` (a ValidationError, so every caller that handles those handles it) when a rule
stops a change and each reason has a page that fixes it; pages show the lead, then each problem with
its link (templates/includes/refusal.html).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Fix:
    problem: str
    url: str = ""
    label: str = ""


class Refused(ValidationError):
    def __init__(self, lead: str, fixes: Iterable[Fix]):
        self.lead = lead
        self.fixes = list(fixes)
        super().__init__([lead, *(fix.problem for fix in self.fixes)])


def refusal_of(error: ValidationError) -> Refused | None:
    """The refusal, with its links, when a service's error is one; None for plain validation errors."""
    return error if isinstance(error, Refused) else None
