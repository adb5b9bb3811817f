"""The demo district's communications: the log of contacts with partners, success stories, last term's
partner surveys and students' thank-you notes. Days are relative to today.
"""

from demo.data import Spec
from demo.data.partnerships import DISTRICT, LINCOLN, RHS

# Log entries, each with the people who took part (by full name) and a follow-up day (and whether it is done).
# The dates leave Bluewater and Green Valley Farms overdue for a contact under the 30-day policy, one follow-up
# overdue and one coming up.
LOG_ENTRIES: list[Spec] = [
    {
        "partnership": (RHS, "Acme Robotics"),
        "day": -3,
        "channel": "meeting",
        "direction": "outgoing",
        "summary": "Met Jordan at the engineering lab to plan the spring showcase and next term's two interns.",
        "people": ["Jordan Reyes", "Priya Natarajan"],
        "follow_up": (11, False),
    },
    {
        "partnership": (RHS, "Acme Robotics"),
        "day": -24,
        "channel": "email",
        "direction": "incoming",
        "summary": "Mei asked for the district's logo to put on the showcase poster; sent the brand kit.",
        "people": ["Mei Chen"],
    },
    {
        "partnership": (DISTRICT, "Riverside Regional Medical Center"),
        "day": -12,
        "channel": "phone",
        "direction": "outgoing",
        "summary": "Called Aisha about supervision at shift change after the 3 West concern; she is writing rules.",
        "people": ["Aisha Bello"],
        "follow_up": (2, False),
    },
    {
        "partnership": (DISTRICT, "Riverside Regional Medical Center"),
        "day": -33,
        "channel": "event",
        "direction": "incoming",
        "summary": "The hospital hosted the health careers night: 60 students and families toured the simulation lab.",
        "people": ["Aisha Bello", "Robert Kim", "Marcus Bell"],
    },
    {
        "partnership": (RHS, "Bluewater Credit Union"),
        "day": -45,
        "channel": "site_visit",
        "direction": "outgoing",
        "summary": "Visited the Main Street branch with Linda; the budgeting workshop room is ready for spring.",
        "people": ["Linda Park", "Samuel Ortiz"],
        "follow_up": (-15, True),
    },
    {
        "partnership": (LINCOLN, "Pinecrest Logistics"),
        "day": -6,
        "channel": "phone",
        "direction": "outgoing",
        "summary": "Talked to Tanya about vests and walkways after Lucía's tour; she will send new floor rules.",
        "people": ["Grace Okafor"],
        "follow_up": (-1, False),
    },
    {
        "partnership": (LINCOLN, "Green Valley Farms"),
        "day": -38,
        "channel": "email",
        "direction": "outgoing",
        "summary": "Asked the Whitakers when field trips can start again after the harvest.",
        "people": [],
    },
    {
        "partnership": (RHS, "Summit Construction Group"),
        "day": -10,
        "channel": "meeting",
        "direction": "outgoing",
        "summary": "Coffee with Derek: Summit will name a site contact once the Maple Street job starts.",
        "people": ["Derek Olsen"],
        "follow_up": (2, False),
    },
]

# Success stories in each state, naming only students with media consent (by district id).
STORIES: list[Spec] = [
    {
        "title": "Acme interns build a robot arm for the showcase",
        "partnership": (RHS, "Acme Robotics"),
        "body": "Over ten weeks in Acme's engineering lab, Sofia and the Acme team designed, wired and tested a "
        "three-joint robot arm. It sorted 200 parts without a miss at the spring showcase.",
        "students": ["RUSD-100234"],
        "channels": ("newsletter", "social", "website"),
        "state": "published",
        "publish": -5,
    },
    {
        "title": "Health careers night fills the simulation lab",
        "partnership": (DISTRICT, "Riverside Regional Medical Center"),
        "body": "Sixty students and their families tried CPR on the hospital's training manikins and met nurses, "
        "pharmacists and paramedics. Ananya, a former intern, led the tours.",
        "students": ["RUSD-100295"],
        "channels": ("newsletter",),
        "state": "approved",
        "publish": 3,
    },
    {
        "title": "Budgeting workshops at Bluewater",
        "partnership": (RHS, "Bluewater Credit Union"),
        "body": "Linda's team ran four budgeting workshops for the personal finance elective. Draft: add quotes.",
        "students": [],
        "channels": ("newsletter", "website"),
        "state": "draft",
        "publish": None,
    },
]

# End-of-term surveys of business contacts: (school, business, contact, answer or None while waiting).
PARTNER_SURVEYS = [
    (RHS, "Acme Robotics", "Mei Chen", (5, 4, 5, 10, "Our engineers love mentoring; more notice before showcases.")),
    (DISTRICT, "Riverside Regional Medical Center", "Aisha Bello", (4, 3, 4, 8, "Supervision at shift change.")),
    (RHS, "Bluewater Credit Union", "Linda Park", (3, 4, 4, 6, "")),
    (LINCOLN, "Pinecrest Logistics", "Tanya Brooks", None),
]
SURVEY_TERM = "Quarter 2"

# Thank-you notes from students of completed placements: (placement, note, approved?).
THANK_YOU_NOTES = [
    (
        ("RUSD-100251", "Acme Robotics", "internship"),
        "Thank you for letting me build real wiring harnesses. Jordan never minded my questions, and now I "
        "want to study electrical engineering.",
        True,
    ),
    (
        ("RUSD-100295", "Riverside Regional Medical Center", "internship"),
        "Thank you to everyone on 3 West. Hannah showed me how to talk to patients so they feel safe. I will "
        "remember it when I am a nurse.",
        False,
    ),
]
