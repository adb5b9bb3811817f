"""The business's calendar feed page and its actions: for the business's administrators only. They name no
row (the feed is the chosen business's), so business B's administrator gets B's own page."""

from tests.portal.matrix import ADMINS, Entry

ENTRIES = {
    "portal:calendar": Entry(ADMINS, post=lambda w: {}),
    "portal:calendar_regenerate": Entry(ADMINS, post=lambda w: {}),
    # With no feed yet, turning it off sends the administrator back to the calendar page.
    "portal:calendar_revoke": Entry(ADMINS, post=lambda w: {}, get_status=302),
}
