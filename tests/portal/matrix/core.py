"""The portal's frame: home, the organization switch and notifications (thanks: communications.py)."""

from tests.portal.matrix import ADMIN_A, EVERYONE_AT_A, Entry

ENTRIES = {
    "portal:home": Entry(EVERYONE_AT_A),
    "portal:choose": Entry(EVERYONE_AT_A, post=lambda w: {"organization": w["business_b"].pk}),
    "portal:notifications": Entry(EVERYONE_AT_A, post=lambda w: {}),
    "portal:notification_settings": Entry(EVERYONE_AT_A, post=lambda w: {}),
    # One's own notification: POST only (opening it marks it read).
    "portal:notification_open": Entry(
        frozenset({ADMIN_A}),
        own=lambda w: {"pk": w["notification_a"].pk},
        foreign=lambda w: {"pk": w["notification_b"].pk},
        post=lambda w: {},
        get_status=405,
    ),
}
