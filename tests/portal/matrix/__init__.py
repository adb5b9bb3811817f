"""The portal's permission matrix, one module per portal feature (`ENTRIES`), walked by
tests/portal/test_matrix.py over every persona, own and foreign objects, GET and POST.

An entry says who may open a URL. Everyone else at business A gets 404, anonymous visitors go to sign in,
coordinators (who hold no membership) get 404. `own` gives the URL's arguments for a row of business A;
`foreign`, when the URL names a row, the same kind of row at business B, which is a 404 for everyone
signed in at A. `post` is a plausible form for the URL: a POST by anyone not allowed is a 404 and changes
nothing in the database.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

World = dict[str, Any]

ANONYMOUS = "anonymous"
ADMIN_A = "admin_a"  # administrator of business A
MENTOR_A = "mentor_a"  # mentors placement_a
OTHER_MENTOR_A = "other_mentor_a"  # mentors another placement at A (placement_a2)
ADMIN_B = "admin_b"  # administrator of business B
DEACTIVATED = "deactivated"  # was a mentor at A; the membership was ended
BOTH = "both"  # administrator of A and of B, working for A
COORDINATOR = "coordinator"

PERSONAS = (ANONYMOUS, ADMIN_A, MENTOR_A, OTHER_MENTOR_A, ADMIN_B, DEACTIVATED, BOTH, COORDINATOR)
SIGNED_IN_AT_A = (ADMIN_A, MENTOR_A, OTHER_MENTOR_A, BOTH)

# Shorthands for `who`.
ADMINS = frozenset({ADMIN_A, BOTH})
EVERYONE_AT_A = frozenset(SIGNED_IN_AT_A)
SEES_PLACEMENT_A = frozenset({ADMIN_A, BOTH, MENTOR_A})  # administrators see all placements; mentors their own
MENTORS_PLACEMENT_A = frozenset({MENTOR_A})


def no_args(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Entry:
    who: frozenset[str]
    own: Callable[[World], dict[str, Any]] = no_args
    foreign: Callable[[World], dict[str, Any]] | None = None
    post: Callable[[World], dict[str, Any]] | None = None  # None: the URL takes no POST
    get_status: int = 200  # what an allowed GET answers (405 for a POST-only URL, 302 for a redirect)
    notes: str = field(default="", compare=False)

    @property
    def names_a_row(self) -> bool:
        return self.own is not no_args

    def expects(self, persona: str) -> bool:
        """Whether `persona` may use the URL. For a URL that names no row, business B's administrator gets
        their own business's page, as A's does."""
        if persona == ADMIN_B and not self.names_a_row:
            return ADMIN_A in self.who
        return persona in self.who


def _modules():
    return [importlib.import_module(f"{__name__}.{module.name}") for module in pkgutil.iter_modules(__path__)]


def world_extensions() -> list[Callable[[World], None]]:
    """A feature module may add rows to the shared world: `extend_world(world)`."""
    return [module.extend_world for module in _modules() if hasattr(module, "extend_world")]


def all_entries() -> dict[str, Entry]:
    """Every feature module's ENTRIES, keyed by URL name (portal:…)."""
    entries: dict[str, Entry] = {}
    for module in _modules():
        found = module.ENTRIES
        clash = entries.keys() & found.keys()
        assert not clash, f"{module.__name__} lists URLs another module lists: {sorted(clash)}"
        entries.update(found)
    return entries
