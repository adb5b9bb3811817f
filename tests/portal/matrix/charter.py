"""The charter in the portal: everyone at the business reads it; partner administrators acknowledge it."""

from tests.portal.matrix import ADMINS, EVERYONE_AT_A, Entry


def _own(world):
    return {"pk": world["charter_a"].pk}


def _foreign(world):
    return {"pk": world["charter_b"].pk}


ENTRIES = {
    "portal:charter": Entry(EVERYONE_AT_A),
    "portal:charter_version": Entry(EVERYONE_AT_A, own=_own, foreign=_foreign),
    "portal:charter_changes": Entry(EVERYONE_AT_A, own=_own, foreign=_foreign),
    "portal:charter_acknowledge": Entry(ADMINS, own=_own, foreign=_foreign, post=lambda w: {"confirm": "on"}),
}
