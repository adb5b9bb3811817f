"""The demo district's logins: who they are, what they see, and the password new ones get."""

from demo.data import Spec
from partnerships.models import PartnerMembership

DEFAULT_PASSWORD = "schoolbridge-demo"  # noqa: S105 (demo logins only; the command refuses when DEBUG is off)

# The logins. `contact` is the Contact the user is linked to; partners get a membership of `business` in
# `membership_role`, and of each business in `also` (business, role, job title there: a contact is added).
DEMO_USERS: list[Spec] = [
    {"key": "admin", "email": "admin@demo.schoolbridge.test", "name": ("Avery", "Lin"), "label": "admin"},
    {
        "key": "coordinator",
        "email": "coordinator@demo.schoolbridge.test",
        "name": ("Dana", "Whitfield"),
        "label": "coordinator",
        "contact": "Dana Whitfield",
    },
    {
        "key": "partner1",
        "email": "partner1@demo.schoolbridge.test",
        "name": ("Jordan", "Reyes"),
        "label": "partner",
        "contact": "Jordan Reyes",
        "business": "Acme Robotics",
        "membership_role": PartnerMembership.Role.ADMIN,
    },
    {
        "key": "partner2",
        "email": "partner2@demo.schoolbridge.test",
        "name": ("Aisha", "Bello"),
        "label": "partner",
        "contact": "Aisha Bello",
        "business": "Riverside Regional Medical Center",
        "membership_role": PartnerMembership.Role.ADMIN,
    },
    {
        "key": "mentor1",
        "email": "mentor1@demo.schoolbridge.test",
        "name": ("Hannah", "Price"),
        "label": "mentor",
        "contact": "Hannah Price",
        "business": "Riverside Regional Medical Center",
        "membership_role": PartnerMembership.Role.MENTOR,
    },
    {
        "key": "multi",
        "email": "multi@demo.schoolbridge.test",
        "name": ("Lucy", "Whitaker"),
        "label": "partner at two businesses",
        "contact": "Lucy Whitaker",
        "business": "Green Valley Farms",
        "membership_role": PartnerMembership.Role.ADMIN,
        "also": [("Harbor Light Media", PartnerMembership.Role.ADMIN, "Board member")],
    },
]
