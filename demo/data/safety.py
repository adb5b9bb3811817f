"""The demo district's safety records: grading periods, protocols and their acknowledgments, background
checks, site visits, check-ins and concerns. Days are relative to today; a placement is named by
(district student id, business, kind).
"""

from demo.data import Spec
from demo.data.partnerships import DISTRICT, LINCOLN, RHS

# The district's policy keeps its defaults (checks valid 730 days, renewal window 60 days, a check-in
# every 14 days, one site visit per grading period); the coordinator is the safety lead. Four quarters
# of nine weeks: today is in the third, which began five weeks ago. (name, first day, last day).
GRADING_PERIODS = [
    ("Quarter 1", -161, -99),
    ("Quarter 2", -98, -36),
    ("Quarter 3", -35, 27),
    ("Quarter 4", 28, 90),
]

# Who acknowledged the first version of every protocol, and when: (business, person, day). Each did
# before its first placement started. A person with a demo login is recorded as that user.
FIRST_ACKNOWLEDGMENTS = [
    ("Acme Robotics", "Jordan Reyes", -390),
    ("Riverside Regional Medical Center", "Aisha Bello", -385),
    ("Bluewater Credit Union", "Linda Park", -380),
    ("Copper Kettle Bakery", "Maggie O'Neill", -370),
    ("Green Valley Farms", "Ben Whitaker", -290),
    ("Pinecrest Logistics", "Tanya Brooks", -205),
]

# District protocols, by key: each version's title, day in effect, body and acknowledgments. Versions
# marked `after_placements` are published once the placements have started, as a district revises a
# protocol mid-year: the running placements stay active, and a business that has not acknowledged the
# new version (Pinecrest) cannot start another placement until it does.
PROTOCOLS: dict[str, list[Spec]] = {
    "supervision": [
        {
            "title": "Supervision of minors",
            "effective": -400,
            "body": "A named mentor, or a cleared backup the school knows about, is on site for every hour a "
            "student works. Students are never alone behind a closed door with one adult, never ride in a staff "
            "member's private car, and do no work on the state's list of hazardous occupations for minors. "
            "Students under 16 work only between 7 am and 7 pm.",
            "acknowledged": [*FIRST_ACKNOWLEDGMENTS, ("Summit Construction Group", "Derek Olsen", -8)],
        },
    ],
    "reporting": [
        {
            "title": "Reporting concerns",
            "effective": -400,
            "body": "Any adult who sees or hears of something that puts a student at risk tells the district's "
            "work-based learning coordinator the same day, and the student's school counselor if the student "
            "is upset. Do not investigate on your own, and do not promise the student secrecy.",
            "acknowledged": FIRST_ACKNOWLEDGMENTS,
        },
        {
            "title": "Reporting concerns",
            "effective": -6,
            "after_placements": True,
            "body": "Any adult who sees or hears of something that puts a student at risk tells the district's "
            "work-based learning coordinator the same day, by phone or on the district's 24-hour safety line, "
            "and the student's school counselor if the student is upset. Within one school day, send the "
            "coordinator a short written note of what was seen and done. Injuries are also reported to the "
            "business's own safety officer. Do not investigate on your own, and do not promise the student "
            "secrecy.",
            "acknowledged": [
                ("Acme Robotics", "Jordan Reyes", -4),
                ("Riverside Regional Medical Center", "Aisha Bello", -2),
                ("Bluewater Credit Union", "Samuel Ortiz", -1),
            ],
        },
    ],
    "orientation": [
        {
            "title": "Safe workplace orientation",
            "effective": -400,
            "body": "Before a student's first shift the mentor walks the site with them: emergency exits and the "
            "assembly point, first aid, who to go to with a problem, the protective equipment to wear, and the "
            "areas and machines that are off limits. The mentor records the orientation in the student's "
            "placement notes.",
            "acknowledged": FIRST_ACKNOWLEDGMENTS,
        },
    ],
}

# Background checks: status and dates only, never the report. `key` is the provider's reference, which
# identifies a check across runs. A cleared check without `expires` is valid for the policy's 730 days
# from its completion. Every mentor of a placement that was activated is cleared through its end date;
# Mei Chen's check runs out on day 30, two days after her mentoring placement ends: inside the renewal
# window, so she is reminded to renew.
CHECK_PROVIDER = "Cascade Screening Services"
CHECKS: list[Spec] = [
    {"contact": "Jordan Reyes", "key": "CSS-40117", "requested": -520, "completed": -505},
    {"contact": "Mei Chen", "key": "CSS-38842", "requested": -712, "completed": -700},
    {"contact": "Luis Romero", "key": "CSS-46203", "requested": -230, "completed": -221},
    {"contact": "Hannah Price", "key": "CSS-39011", "requested": -610, "completed": -598},
    {"contact": "Aisha Bello", "key": "CSS-39012", "requested": -610, "completed": -596},
    {"contact": "Keisha Grant", "key": "CSS-44870", "requested": -330, "completed": -320},
    {
        "contact": "Keisha Grant",
        "key": "CSS-44807",
        "requested": -330,
        "completed": -320,
        "void": "Entered twice with the reference mistyped; the check recorded as CSS-44870 stands.",
    },
    {"contact": "Samuel Ortiz", "key": "CSS-47155", "requested": -150, "completed": -141},
    {"contact": "Tanya Brooks", "key": "CSS-45530", "requested": -215, "completed": -205},
    {"contact": "Ben Whitaker", "key": "CSS-37390", "requested": -760, "completed": -745},  # expired 15 days ago
    {
        "contact": "Carlos Mendez",
        "key": "CSS-49921",
        "requested": -9,
        "status": "pending",
        "notes": "Fingerprinting booked; results usually take two to three weeks.",
    },
    {"contact": "Rosa Delgado", "key": "CSS-50016", "requested": -4, "status": "pending"},
    # Asked for a new colleague who will mentor in the spring: partner2 sees it waiting in the portal.
    {"contact": "Robert Kim", "key": "CSS-50102", "requested": -3, "status": "pending"},
    {
        "contact": "Felix Adeyemi",
        "key": "CSS-48377",
        "requested": -30,
        "completed": -16,
        "status": "not_cleared",
        "notes": "Harbor Light will name another mentor.",
    },
]

# Site visits this quarter, each once per partnership: two done, one scheduled at Bluewater (so still
# due), and Pinecrest's last visit fell in the previous quarter (due again). Placements are
# (student, business, kind); a day is relative to today.
SITE_VISITS: list[Spec] = [
    {
        "partnership": (RHS, "Acme Robotics"),
        "site": "1200 Foundry Road, Building B (engineering lab)",
        "day": -12,
        "status": "completed",
        "placements": [
            ("RUSD-100234", "internship"),
            ("RUSD-100389", "apprenticeship"),
            ("RUSD-100316", "mentorship"),
        ],
        "findings": "Sofia and Dmitri work in the engineering lab with their mentor in sight; both wore safety "
        "glasses and knew the lockout/tagout steps. Emily's team sessions run in the school lab.",
        "follow_up": "Ask Mei Chen to renew her background check before the robotics competition.",
    },
    {
        "partnership": (DISTRICT, "Riverside Regional Medical Center"),
        "site": "400 Hospital Drive, Education Center and 3 West",
        "day": -20,
        "status": "completed",
        "placements": [("RUSD-100413", "internship"), ("RUSD-100267", "mentorship"), ("RUSD-100358", "internship")],
        "findings": "Orientation records are complete. Students badge in at the Education Center and are "
        "met by their preceptor.",
        "concerns": "At shift change on 3 West, students sometimes wait at the nurses' station with nobody "
        "assigned to them.",
        "follow_up": "Hannah to name a backup for each student during shift change.",
    },
    {
        "partnership": (RHS, "Bluewater Credit Union"),
        "site": "88 Main Street branch",
        "day": 6,
        "status": "scheduled",
        "placements": [("RUSD-100282", "mentorship")],
    },
    {
        "partnership": (LINCOLN, "Pinecrest Logistics"),
        "site": "900 Depot Street, training room and warehouse floor",
        "day": -40,
        "status": "completed",
        "placements": [],
        "findings": "Walked the route students will take from reception to the training room; the floor "
        "crossing is marked and a staff member escorts visitors across it.",
        "follow_up": "Visit again once Lucía's project is under way.",
    },
]

# Check-ins by the coordinator, built once per placement: (day, mode, wellbeing 1-5, notes, concern
# raised, void reason). With a check-in due every 14 days, Preet's and Alex's are overdue and Lucía's
# is due today (her latest was voided).
CHECK_INS = {
    ("RUSD-100234", "Acme Robotics", "internship"): [
        (-44, "in_person", 4, "Settling in well; likes the build reviews.", False, ""),
        (-30, "phone", 4, "", False, ""),
        (-16, "in_person", 5, "Proud of the gripper subassembly.", False, ""),
        (-3, "video", 4, "", False, ""),
    ],
    ("RUSD-100389", "Acme Robotics", "apprenticeship"): [
        (-13, "in_person", 4, "Enjoys the maintenance work; wants more time on the robots themselves.", False, ""),
    ],
    ("RUSD-100316", "Acme Robotics", "mentorship"): [
        (-41, "in_person", 3, "", False, ""),
        (-27, "in_person", 4, "", False, ""),
        (-12, "phone", 4, "Nervous about presenting at the sponsor review, but preparing.", False, ""),
    ],
    ("RUSD-100413", "Riverside Regional Medical Center", "internship"): [
        (-63, "in_person", 4, "", False, ""),
        (-49, "phone", 4, "", False, ""),
        (-35, "in_person", 5, "Loves patient contact; thinking about nursing school.", False, ""),
        (-19, "video", 4, "", False, ""),
    ],
    ("RUSD-100267", "Riverside Regional Medical Center", "mentorship"): [
        (-3, "phone", 4, "First two conversations went well.", False, ""),
    ],
    ("RUSD-100358", "Riverside Regional Medical Center", "internship"): [
        (-24, "in_person", 4, "", False, ""),
        (-10, "phone", 3, "Says the unit is short-staffed this month.", False, ""),
        (
            -3,
            "in_person",
            2,
            "Fatima was upset: she was asked to help move a patient with no nursing assistant present. She was "
            "not hurt. Reported as a high-severity concern the same day.",
            True,
            "",
        ),
    ],
    ("RUSD-100282", "Bluewater Credit Union", "mentorship"): [
        (-53, "in_person", 4, "", False, ""),
        (-39, "phone", 3, "", False, ""),
        (-17, "phone", 3, "Busy with exams; waits alone in the lobby when sessions start late.", False, ""),
    ],
    ("RUSD-100436", "Pinecrest Logistics", "project"): [
        (-28, "in_person", 5, "Excited about the poster campaign.", False, ""),
        (-14, "video", 4, "", False, ""),
        (-7, "phone", 4, "", False, "Recorded on the wrong student's placement."),
    ],
}

# Check-ins whose notes the coordinator shared with the mentor (placement, day): Hannah Price reads it in
# the portal.
SHARED_WITH_MENTOR = {(("RUSD-100413", "Riverside Regional Medical Center", "internship"), -35)}

PAUSED_ON = -3  # the day the high-severity concern paused Fatima's internship

# Concerns, each once (by student, partnership and description). A high one is reported through the
# service, which pauses the placement and tells the safety lead.
CONCERNS: list[Spec] = [
    {
        "placement": ("RUSD-100282", "Bluewater Credit Union", "mentorship"),
        "severity": "low",
        "day": -16,
        "description": "Alex waits alone in the branch lobby, sometimes for twenty minutes, when his Wednesday "
        "session starts late.",
    },
    {
        "placement": ("RUSD-100436", "Pinecrest Logistics", "project"),
        "severity": "medium",
        "day": -9,
        "description": "Lucía was taken across the warehouse floor without a high-visibility vest while "
        "forklifts were moving. Staff gave her one when she asked.",
        "investigating": -8,
    },
    {
        "placement": ("RUSD-100234", "Acme Robotics", "internship"),
        "severity": "low",
        "day": -33,
        "description": "Sofia stayed past 6 pm twice, later than the hours her guardian agreed to.",
        "resolved": (
            -30,
            "Jordan moved the Friday build review earlier and the team now ends at 5:30 pm; Sofia's guardian was told.",
        ),
    },
    {
        "placement": ("RUSD-100358", "Riverside Regional Medical Center", "internship"),
        "severity": "high",
        "day": PAUSED_ON,
        "description": "Fatima was asked to help move a patient on 3 West with no nursing assistant present, "
        "against the placement's rules. She was not hurt. The internship is paused while the unit manager and "
        "Hannah Price review supervision at shift change.",
    },
]
