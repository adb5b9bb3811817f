"""The demo district's students, their placements in every status, and the words of their evaluations.

Days are relative to today. A placement is named by (district student id, business, kind) elsewhere in
the demo data.
"""

from demo.data import Spec
from demo.data.partnerships import DISTRICT, LINCOLN, RHS

DISTRICT_ID_PREFIX = "RUSD-"

# (district id after "RUSD-", legal first name, preferred first name, last name, grade, school, birthday
#  (MM-DD), guardian, days since the guardian's consent form came in (None: not on file yet), days since
#  media consent (None: no media consent), emergency contact). Lincoln is a middle school, so
#  its students are in grades 7 and 8; Riverside High's in 9 to 12.
STUDENTS = [
    ("100234", "Sofia", "", "Martinez", 12, RHS, "03-14", "Elena Martinez", 400, 400, "Rafael Martinez, uncle"),
    ("100251", "Jamal", "", "Washington", 12, RHS, "11-02", "Denise Washington", 380, None, "Gloria Ward, grandmother"),
    ("100267", "Thi Mai", "Mai", "Nguyen", 11, RHS, "06-21", "Hoa Nguyen", 120, 120, "Binh Nguyen, father"),
    ("100278", "Ethan", "", "Kowalski", 12, RHS, "01-09", "Karen Kowalski", 300, None, "Mark Kowalski, father"),
    ("100282", "Alejandro", "Alex", "Ramirez", 11, RHS, "08-30", "Carmen Ramirez", 90, 90, "Javier Ramirez, brother"),
    ("100295", "Ananya", "", "Iyer", 12, RHS, "04-05", "Lakshmi Iyer", 420, 420, "Suresh Iyer, father"),
    ("100301", "Oluwaseun", "Seun", "Adebayo", 11, RHS, "12-12", "Funmi Adebayo", 30, None, "Tunde Adebayo, father"),
    ("100316", "Emily", "", "Johansson", 10, RHS, "02-17", "Karin Johansson", 75, 75, "Erik Johansson, father"),
    ("100322", "Mateo", "", "Herrera", 10, RHS, "10-03", "Ana Herrera", 20, None, "Jorge Herrera, father"),
    ("100339", "Aaliyah", "", "Thompson", 12, RHS, "05-28", "Monique Thompson", 365, 365, "Darnell Thompson, uncle"),
    ("100347", "William", "Liam", "O'Connor", 11, RHS, "09-19", "Niamh O'Connor", 200, None, "Sean O'Connor, father"),
    ("100358", "Fatima", "", "Al-Sayed", 11, RHS, "07-07", "Omar Al-Sayed", 150, None, "Layla Al-Sayed, aunt"),
    ("100364", "Kai", "", "Nakamura", 10, RHS, "01-25", "Yuki Nakamura", 100, 100, "Kenji Nakamura, father"),
    ("100371", "Isabella", "Bella", "Rossi", 9, RHS, "11-30", "Francesca Rossi", 45, 45, "Marco Rossi, father"),
    ("100389", "Dmitri", "", "Volkov", 12, RHS, "03-03", "Irina Volkova", 60, None, "Sergei Volkov, father"),
    ("100392", "Zoe", "", "Fontaine", 9, RHS, "06-06", "Claire Fontaine", None, None, "Michel Fontaine, father"),
    ("100405", "Tyler", "", "Begay", 11, RHS, "10-22", "Lorraine Begay", None, None, "Harold Begay, grandfather"),
    ("100413", "Harpreet", "Preet", "Kaur", 12, RHS, "02-08", "Gurpreet Singh", 260, 260, "Manjit Kaur, mother"),
    ("100428", "Andre", "", "Jackson", 12, RHS, "12-01", "Tanisha Jackson", 50, None, "Calvin Jackson, father"),
    ("100436", "Lucía", "", "Morales", 8, LINCOLN, "04-18", "Marisol Morales", 70, 70, "Pedro Morales, father"),
    ("100447", "Noah", "", "Schmidt", 8, LINCOLN, "09-09", "Julia Schmidt", None, None, "Anna Schmidt, grandmother"),
    ("100452", "Amara", "", "Mensah", 8, LINCOLN, "07-15", "Akosua Mensah", 80, 80, "Kwame Mensah, father"),
    ("100469", "Ravi", "", "Patel", 7, LINCOLN, "05-02", "Nisha Patel", 40, None, "Anil Patel, father"),
    ("100473", "Lily", "", "Tran", 8, LINCOLN, "08-11", "Linh Tran", 25, 25, "Quang Tran, father"),
]
GUARDIAN_MAIL_DOMAINS = ["mail.test", "riverside-net.test", "webmail.test"]

# Placements, in every status. Numbers are days relative to today. Each learning goal is (text, skill,
# target level, the owners of the partnership goals it serves, (mentor's midpoint score, final score));
# the student rates themself close to the mentor. `activities` label the hours entries.
# Every placement that is or was active went proposed -> approved -> active through the readiness gate,
# after the safety records the gate asks for (its mentor's cleared check, its business's acknowledgment
# of every protocol) were in place. A completed one is activated while its end date is still ahead (the
# gate refuses a placement that has already ended) and then given its real, past end date, as a
# coordinator corrects a running placement; `activated_until` likewise starts one with an earlier end
# date and then extends it. The paused one is activated, then paused by the high-severity concern in
# CONCERNS.
PLACEMENTS: list[Spec] = [
    # Active ---------------------------------------------------------------------------------------
    {
        "student": "RUSD-100234",
        "partnership": (RHS, "Acme Robotics"),
        "kind": "internship",
        "status": "active",
        "mentor": "Jordan Reyes",
        "site": "1200 Foundry Road, Building B (engineering lab)",
        "start": -50,
        "end": 40,
        "days": "Mon, Wed, Fri",
        "hours_per_week": "12",
        "learning_goals": [
            (
                "Read and produce technical drawings for robot subassemblies.",
                "Technical drawing",
                3,
                ["company"],
                (2, 3),
            ),
            (
                "Follow lockout/tagout and shop-floor safety rules without reminders.",
                "Workplace safety",
                4,
                ["company", "school"],
                (3, 4),
            ),
            (
                "Work in an engineering team: stand-ups, asking for help, clean hand-offs.",
                "Teamwork",
                3,
                ["shared"],
                (2, 3),
            ),
        ],
        "activities": [
            "Assembled a gripper subassembly",
            "Updated drawings for the conveyor bracket",
            "Sensor wiring tests in the test cell",
            "Team stand-up and build review",
        ],
    },
    {
        "student": "RUSD-100389",
        "partnership": (RHS, "Acme Robotics"),
        "kind": "apprenticeship",
        "status": "active",
        "mentor": "Jordan Reyes",
        "start": -20,
        "end": 120,
        "days": "Tue, Thu",
        "hours_per_week": "10",
        "notes": "Pre-apprenticeship toward the robotics technician role.",
        "learning_goals": [
            (
                "Maintain and troubleshoot robot drive units under supervision.",
                "Equipment maintenance",
                3,
                ["company"],
                (2, 3),
            ),
            ("Use hand and power tools safely.", "Workplace safety", 4, ["company"], (3, 4)),
            ("Write clear entries in the maintenance log.", "Written communication", 3, ["company", "school"], (2, 3)),
        ],
        "activities": [
            "Drive-unit teardown with a technician",
            "Preventive maintenance checklist",
            "Maintenance log write-ups",
        ],
    },
    {
        "student": "RUSD-100413",
        "partnership": (DISTRICT, "Riverside Regional Medical Center"),
        "kind": "internship",
        "status": "active",
        "mentor": "Hannah Price",
        "site": "400 Hospital Drive, Education Center, 2nd floor",
        "start": -70,
        "end": 10,
        "days": "Mon, Thu",
        "hours_per_week": "8",
        "learning_goals": [
            ("Take and record vital signs accurately.", "Patient care basics", 3, ["company"], (2, 3)),
            (
                "Speak with patients and families calmly and respectfully.",
                "Customer service",
                3,
                ["company", "school"],
                (3, 4),
            ),
            (
                "Follow infection-control and patient-privacy rules every shift.",
                "Workplace safety",
                4,
                ["company"],
                (3, 4),
            ),
        ],
        "activities": [
            "Vital signs practice on the skills ward",
            "Shadowed a nursing assistant",
            "Infection-control training",
        ],
        "link": ("mentor", "final"),  # ends soon: the mentor's final evaluation link is out, not yet used
    },
    {
        "student": "RUSD-100282",
        "partnership": (RHS, "Bluewater Credit Union"),
        "kind": "mentorship",
        "status": "active",
        "mentor": "Keisha Grant",
        "start": -60,
        "end": 30,
        "days": "Wed",
        "hours_per_week": "2",
        "learning_goals": [
            ("Greet and help members at the branch's student desk.", "Customer service", 3, ["company"], (2, 3)),
            (
                "Help plan the student-run branch: opening hours, roles, a sign-up form.",
                "Project planning",
                3,
                ["shared", "company"],
                (2, 3),
            ),
            ("Build a monthly budget and review it with the mentor.", "Financial literacy", 3, ["school"], (1, 2)),
        ],
        "activities": ["Mentor meeting at the Main Street branch", "Student-branch planning session", "Budget review"],
    },
    {
        "student": "RUSD-100436",
        "partnership": (LINCOLN, "Pinecrest Logistics"),
        "kind": "project",
        "status": "active",
        "mentor": "Tanya Brooks",
        "site": "900 Depot Street, training room",
        "start": -35,
        "end": 25,
        "days": "Fri",
        "hours_per_week": "3",
        "learning_goals": [
            (
                "Design a warehouse-safety poster campaign for younger students.",
                "Workplace safety",
                3,
                ["company", "school"],
                (2, 3),
            ),
            ("Interview two Pinecrest employees about their careers.", "Communication", 3, ["company"], (2, 3)),
        ],
        "activities": ["Safety briefing and site walk", "Poster drafts with the safety team", "Employee interview"],
    },
    {
        "student": "RUSD-100267",
        "partnership": (DISTRICT, "Riverside Regional Medical Center"),
        "kind": "mentorship",
        "status": "active",
        "mentor": "Aisha Bello",
        "start": -10,
        "end": 80,
        "days": "Wed",
        "hours_per_week": "2",
        "learning_goals": [
            (
                "Explore allied-health careers in monthly conversations with staff.",
                "Career exploration",
                3,
                ["company", "school"],
                (2, 3),
            ),
            (
                "Prepare a résumé and practise an interview for a volunteer role.",
                "Interview skills",
                3,
                ["company"],
                (2, 3),
            ),
        ],
        "activities": ["Mentoring conversation: imaging technologists", "Résumé workshop"],
    },
    {
        "student": "RUSD-100316",
        "partnership": (RHS, "Acme Robotics"),
        "kind": "mentorship",
        "status": "active",
        "mentor": "Mei Chen",
        "start": -48,
        # Ends on day 28, just inside Mei's background check (it expires on day 30, see CHECKS): a longer
        # placement would not pass the gate, so Mei is reminded to renew before the next one.
        "end": 28,
        "days": "Tue, Thu",
        "hours_per_week": "4",
        "notes": "Robotics team mentoring in the school's engineering lab, up to the regional robotics competition.",
        "site": "Riverside High School, engineering lab",
        "learning_goals": [
            ("Program the team robot's autonomous routine.", "Programming", 3, ["shared"], (2, 3)),
            ("Present the robot design at the sponsor review.", "Public speaking", 3, ["shared", "school"], (1, 2)),
        ],
        "activities": ["Autonomous routine debugging", "Design review rehearsal", "Build session"],
    },
    # Paused -------------------------------------------------------------------------------------
    {
        "student": "RUSD-100358",  # paused by the high-severity concern in CONCERNS, on day PAUSED_ON
        "partnership": (DISTRICT, "Riverside Regional Medical Center"),
        "kind": "internship",
        "status": "paused",
        "mentor": "Hannah Price",
        "site": "400 Hospital Drive, 3 West (medical-surgical unit)",
        "start": -30,
        "end": 60,
        "days": "Tue, Thu",
        "hours_per_week": "6",
        "learning_goals": [
            ("Stock and tidy patient rooms to the unit's checklist.", "Attention to detail", 3, ["company"], (2, 3)),
            (
                "Explain the unit's infection-control rules to a new volunteer.",
                "Workplace safety",
                3,
                ["company", "school"],
                (2, 3),
            ),
        ],
        "activities": ["Unit orientation and safety walk", "Restocked supply rooms with a CNA", "Hand-hygiene audit"],
    },
    # Completed ------------------------------------------------------------------------------------
    {
        "student": "RUSD-100251",
        "partnership": (RHS, "Acme Robotics"),
        "kind": "internship",
        "status": "completed",
        "mentor": "Jordan Reyes",
        "site": "1200 Foundry Road, Building B (engineering lab)",
        "start": -160,
        "end": -100,
        "days": "Mon, Tue, Wed, Thu",
        "hours_per_week": "20",
        "learning_goals": [
            ("Build and test wiring harnesses to specification.", "Electrical assembly", 3, ["company"], (2, 4)),
            ("Read technical drawings and bills of materials.", "Technical drawing", 3, ["company", "school"], (2, 3)),
            ("Raise problems early with the team lead.", "Teamwork", 3, ["shared"], (3, 3)),
        ],
        "activities": [
            "Wiring harness assembly",
            "Harness continuity testing",
            "Drawing and BOM review",
            "Team stand-up",
        ],
    },
    {
        "student": "RUSD-100295",
        "partnership": (DISTRICT, "Riverside Regional Medical Center"),
        "kind": "internship",
        "status": "completed",
        "mentor": "Hannah Price",
        "start": -140,
        "end": -80,
        "days": "Tue, Thu",
        "hours_per_week": "8",
        "learning_goals": [
            ("Help nursing assistants move patients safely.", "Patient care basics", 3, ["company"], (2, 3)),
            ("Use medical terms correctly in shift hand-offs.", "Medical terminology", 3, ["company"], (1, 3)),
            ("Welcome visitors at the unit desk.", "Customer service", 3, ["company", "school"], (3, 4)),
        ],
        "activities": ["Patient mobility with a CNA", "Unit desk and visitor check-in", "Terminology practice"],
    },
    {
        "student": "RUSD-100339",
        "partnership": (RHS, "Bluewater Credit Union"),
        "kind": "mentorship",
        "status": "completed",
        "mentor": "Samuel Ortiz",
        "start": -120,
        "end": -50,
        "days": "Thu",
        "hours_per_week": "2",
        "learning_goals": [
            ("Balance a cash drawer during a branch shadow.", "Cash handling", 3, ["company"], (2, 3)),
            ("Help members open youth savings accounts.", "Customer service", 3, ["company"], (2, 4)),
            ("Create a personal budget reviewed by the mentor.", "Financial literacy", 3, ["school"], (3, 3)),
        ],
        "activities": ["Teller-line shadow", "Youth account sign-up table", "Budget review with the mentor"],
    },
    # Proposed -------------------------------------------------------------------------------------
    {
        "student": "RUSD-100301",  # ready to start: every check passes
        "partnership": (RHS, "Acme Robotics"),
        "kind": "job_shadow",
        "status": "proposed",
        "mentor": "Luis Romero",
        "start": 10,
        "end": 10,
        "days": "Thu",
        "notes": "A day with the test-cell technicians.",
    },
    {
        "student": "RUSD-100405",  # blocked: no guardian consent and no mentor yet
        "partnership": (RHS, "Bluewater Credit Union"),
        "kind": "job_shadow",
        "status": "proposed",
        "mentor": None,
        "supervised": False,
        "start": 20,
        "end": 20,
        "days": "Fri",
    },
    {
        "student": "RUSD-100447",  # blocked: no guardian consent
        "partnership": (LINCOLN, "Pinecrest Logistics"),
        "kind": "job_shadow",
        "status": "proposed",
        "mentor": "Carlos Mendez",
        "start": 12,
        "end": 12,
        "days": "Tue",
    },
    {
        "student": "RUSD-100473",  # blocked only by the new protocol version Pinecrest has not acknowledged
        "partnership": (LINCOLN, "Pinecrest Logistics"),
        "kind": "job_shadow",
        "status": "proposed",
        "mentor": "Tanya Brooks",
        "start": 14,
        "end": 14,
        "days": "Thu",
        "notes": "A morning with the safety and training team.",
    },
    # Approved -------------------------------------------------------------------------------------
    {
        "student": "RUSD-100322",  # ready to start
        "partnership": (DISTRICT, "Riverside Regional Medical Center"),
        "kind": "job_shadow",
        "status": "approved",
        "mentor": "Hannah Price",
        "start": 5,
        "end": 5,
        "days": "Mon",
        "notes": "Shadowing the physical therapy team.",
    },
    {
        "student": "RUSD-100428",  # blocked: Summit is still onboarding and has no primary contact
        "partnership": (RHS, "Summit Construction Group"),
        "kind": "apprenticeship",
        "status": "approved",
        "mentor": "Rosa Delgado",
        "start": 30,
        "end": 150,
        "days": "Mon, Wed, Fri",
        "hours_per_week": "15",
        "notes": "Carpentry pre-apprenticeship; starts once the partnership is active.",
    },
    # Cancelled ------------------------------------------------------------------------------------
    {
        "student": "RUSD-100452",
        "partnership": (LINCOLN, "Green Valley Farms"),
        "kind": "job_shadow",
        "status": "cancelled",
        "mentor": "Ben Whitaker",
        "start": -30,
        "end": -30,
        "days": "Wed",
        "cancel": (
            "proposed",
            -40,
            "Green Valley Farms paused student visits for the harvest season; Grace will offer a spring date.",
        ),
    },
    {
        "student": "RUSD-100234",
        "partnership": (RHS, "Bluewater Credit Union"),
        "kind": "mentorship",
        "status": "cancelled",
        "mentor": "Keisha Grant",
        "start": -40,
        "end": 50,
        "days": "Wed",
        "hours_per_week": "2",
        "cancel": ("approved", -52, "The student chose the Acme internship, which meets on the same afternoons."),
    },
]

HOURS_WEEKS = 6  # hours entries cover the placement's last six weeks up to yesterday
UNVERIFIED_DAYS = 7  # the mentor has not yet confirmed the most recent week

MENTOR_COMMENTS = {
    1: "Needs step-by-step support here.",
    2: "Getting there, with some help.",
    3: "Does this well without help.",
    4: "Could teach this to the next intern.",
}
STUDENT_COMMENTS = {
    1: "I still need a lot of help with this.",
    2: "I can do parts of it on my own now.",
    3: "I'm confident doing this on my own.",
    4: "I showed someone new how to do this.",
}
OVERALL_COMMENTS = {
    ("mentor", "midpoint"): "{name} is reliable and asks good questions. For the second half: take a task from "
    "start to finish without checking in at every step.",
    ("mentor", "final"): "{name} grew a lot over the placement and finished strong. We would gladly host {name} again.",
    ("student", "midpoint"): "I'm learning a lot at {business}. I want to get more confident asking questions in "
    "front of the team.",
    ("student", "final"): "This showed me what working at {business} is really like, and I'm proud of what I finished.",
}
