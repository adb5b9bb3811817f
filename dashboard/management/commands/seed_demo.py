"""`python manage.py seed_demo [--password P] [--force]`: load a small, realistic demo district.

The command is idempotent. Every record is looked up by a natural key (an organization by kind and
name, a person by organization and email, a user by email, a partnership by its school and business, a
student by district student id, a placement by student, partnership and kind) and created only when
missing, all in one transaction. A partnership's history (points of contact, charter versions, goals,
commitments, roles, lifecycle, handoffs) is built once, when the partnership itself is created, through
the services in partnerships/services.py, so the demo obeys the same rules as real data. A placement's
lifecycle (through the readiness gate), learning goals, evaluations and hours are likewise built once,
through students/services.py. Safety records (the policy and its grading periods, protocol versions and
their acknowledgments, background checks, site visits, check-ins, concerns) go through safety/services.py
and are each built once, by a natural key or per partnership or placement. What the readiness gate asks
for (cleared mentors, acknowledged protocols) is made before the placements start; what happened since
(a revised protocol, visits, check-ins, concerns, one of which pauses a placement) after. Dates are
relative to today so the demo never looks stale.

Later parts of the product (students, placements, safety, communications) add a `seed_<thing>(demo)`
function and call it from `Command.handle`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import roles, signed_links
from accounts.models import SignedLink
from communications import feedback, thanks
from communications import services as communication_services
from communications.models import FeedbackRequest, LogEntry, SuccessStory, ThankYouNote
from partnerships import services
from partnerships.models import (
    Charter,
    Commitment,
    Contact,
    Goal,
    Organization,
    PartnerMembership,
    Partnership,
    PartnershipRole,
    PointOfContact,
    Program,
    StatusChange,
)
from safety import services as safety_services
from safety.models import (
    BackgroundCheck,
    CheckIn,
    GradingPeriod,
    ProtocolAcknowledgment,
    SafetyConcern,
    SafetyPolicy,
    SafetyProtocol,
    SiteVisit,
)
from students import services as student_services
from students.models import Evaluation, HoursEntry, Placement, PlacementStatusChange, Student

DEFAULT_PASSWORD = "schoolbridge-demo"  # noqa: S105 (demo logins only; the command refuses when DEBUG is off)

# The fictional town every demo organization is in.
TOWN = {"city": "Riverside", "state": "OR", "postal_code": "97999"}
AREA_CODE = "541"

DISTRICT = "Riverside Unified School District"
DISTRICT_DOMAIN = "riverside-usd.test"

PROGRAMS = {
    "Internships": "Paid or credit-bearing work placements of several weeks, usually for juniors and seniors.",
    "Job shadows": "A day or half-day following a professional at work.",
    "Mentoring": "Regular meetings between a student or a student team and an adult from the business.",
    "Career day": "Business volunteers visit the school to talk about their work and their path to it.",
    "Apprenticeships": "Paid, structured training toward a trade credential, started in high school.",
}

# (name, street, website) for the district and its schools; the schools belong to the district.
SCHOOLS = [
    ("Riverside High School", "1 Falcon Drive", "https://rhs.riverside-usd.test"),
    ("Lincoln Middle School", "250 Lincoln Avenue", "https://lincoln.riverside-usd.test"),
]

# Staff on the school side: (organization, first name, last name, job title, last two digits of the phone).
SCHOOL_STAFF = [
    (DISTRICT, "Dana", "Whitfield", "Work-Based Learning Coordinator", "01"),
    (DISTRICT, "Marcus", "Bell", "Director of College and Career Readiness", "02"),
    ("Riverside High School", "Priya", "Natarajan", "CTE Teacher and Internship Liaison", "03"),
    ("Riverside High School", "Tom", "Alvarez", "Assistant Principal", "04"),
    ("Lincoln Middle School", "Grace", "Okafor", "School Counselor", "05"),
]

BUSINESSES = [
    {
        "name": "Acme Robotics",
        "sector": Organization.Sector.TECHNOLOGY,
        "size": Organization.Size.MEDIUM,
        "street": "1200 Foundry Road",
        "domain": "acme-robotics.test",
        "notes": "Designs and builds warehouse robots. Runs an engineering open house every spring.",
        "contacts": [
            ("Jordan", "Reyes", "Engineering Manager", "10"),
            ("Mei", "Chen", "Chief Executive Officer", "11"),
            ("Luis", "Romero", "HR Generalist", "12"),
        ],
    },
    {
        "name": "Riverside Regional Medical Center",
        "sector": Organization.Sector.HEALTHCARE,
        "size": Organization.Size.LARGE,
        "street": "400 Hospital Drive",
        "domain": "riverside-medical.test",
        "notes": "The county's main hospital and its largest employer.",
        "contacts": [
            ("Aisha", "Bello", "Education and Volunteer Services Manager", "20"),
            ("Robert", "Kim", "Chief Nursing Officer", "21"),
            ("Hannah", "Price", "Clinical Education Specialist", "22"),
        ],
    },
    {
        "name": "Bluewater Credit Union",
        "sector": Organization.Sector.FINANCE,
        "size": Organization.Size.MEDIUM,
        "street": "88 Main Street",
        "domain": "bluewater-cu.test",
        "notes": "Member-owned credit union with three branches in town.",
        "contacts": [
            ("Linda", "Park", "Community Relations Manager", "30"),
            ("Samuel", "Ortiz", "Branch Manager", "31"),
            ("Keisha", "Grant", "Financial Literacy Officer", "32"),
        ],
    },
    {
        "name": "Summit Construction Group",
        "sector": Organization.Sector.CONSTRUCTION,
        "size": Organization.Size.SMALL,
        "street": "2150 Quarry Lane",
        "domain": "summit-construction.test",
        "notes": "Residential and light commercial builder; short of apprentice carpenters.",
        "contacts": [
            ("Rosa", "Delgado", "Site Superintendent", "40"),
            ("Derek", "Olsen", "Owner", "41"),
        ],
    },
    {
        "name": "Green Valley Farms",
        "sector": Organization.Sector.AGRICULTURE,
        "size": Organization.Size.SMALL,
        "street": "7 Orchard Road",
        "domain": "greenvalley-farms.test",
        "notes": "Family-run orchard and vegetable farm with a farm stand on Orchard Road.",
        "contacts": [
            ("Ben", "Whitaker", "Farm Manager", "50"),
            ("Lucy", "Whitaker", "Co-owner", "51"),
        ],
    },
    {
        "name": "Harbor Light Media",
        "sector": Organization.Sector.MEDIA,
        "size": Organization.Size.MICRO,
        "street": "15 River Walk, Suite 3",
        "domain": "harborlight-media.test",
        "notes": "Video production studio: local commercials, weddings, documentaries.",
        "contacts": [
            ("Nora", "Quinn", "Creative Director", "60"),
            ("Felix", "Adeyemi", "Video Producer", "61"),
        ],
    },
    {
        "name": "Pinecrest Logistics",
        "sector": Organization.Sector.TRANSPORT,
        "size": Organization.Size.MEDIUM,
        "street": "900 Depot Street",
        "domain": "pinecrest-logistics.test",
        "notes": "Regional distribution center and trucking fleet next to the rail yard.",
        "contacts": [
            ("Carlos", "Mendez", "Warehouse Operations Manager", "70"),
            ("Tanya", "Brooks", "Safety and Training Coordinator", "71"),
            ("Ivan", "Petrov", "Fleet Supervisor", "72"),
        ],
    },
    {
        "name": "Copper Kettle Bakery",
        "sector": Organization.Sector.HOSPITALITY,
        "size": Organization.Size.MICRO,
        "street": "31 Elm Street",
        "domain": "copperkettle-bakery.test",
        "notes": "Bakery and café on Elm Street.",
        "contacts": [
            ("Maggie", "O'Neill", "Owner", "80"),
            ("Theo", "Baptiste", "Head Baker", "81"),
        ],
    },
]

# The four logins. `contact` is the Contact the user is linked to; partners also get a membership.
DEMO_USERS = [
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
        "membership_role": PartnerMembership.Role.MEMBER,
    },
]

# Partnerships, one per stage of the lifecycle (several active). Numbers are days relative to today.
# People are named by full name; `acknowledged_by` names a demo user.
PARTNERSHIPS = [
    {
        "school": "Riverside High School",
        "business": "Acme Robotics",
        "since": -480,
        "start": -420,
        "programs": ["Internships", "Mentoring", "Apprenticeships"],
        "notes": "Robotics internships for juniors and seniors; Acme engineers mentor the school's robotics team.",
        "lifecycle": [
            ("onboarding", -470, "Acme agreed to host summer interns; drafting the charter."),
            ("active", -420, "Charter acknowledged and both points of contact named."),
        ],
        "contacts": [
            ("school", "Priya Natarajan", "primary", -470),
            ("business", "Jordan Reyes", "primary", -470),
            ("business", "Luis Romero", "backup", -200),
        ],
        "charters": [
            {
                "published": -460,
                "acknowledged_by": "partner1",
                "acknowledged": -455,
                "vision": "Riverside High students get real engineering experience, and Acme builds the local "
                "pipeline of technicians and engineers it needs to grow.",
                "hopes": "Six summer internships a year, and an Acme mentor for every robotics team member.",
                "direction": "Start with summer internships and team mentoring; add an apprenticeship track "
                "once the first interns graduate.",
                "priorities": [
                    (
                        "More students complete the engineering CTE pathway",
                        "A local pipeline of entry-level robotics technicians",
                        "STEM, workforce",
                    ),
                    (
                        "Students practise teamwork and problem solving on real projects",
                        "Engineers grow as leaders by mentoring",
                        "mentoring, soft skills",
                    ),
                ],
            },
            {
                "published": -60,
                "acknowledged_by": "partner1",
                "acknowledged": -50,
                "change_note": "Added the pre-apprenticeship track for graduating seniors.",
                "vision": "Riverside High students get real engineering experience, and Acme builds the local "
                "pipeline of technicians and engineers it needs to grow.",
                "hopes": "Six summer internships a year, an Acme mentor for every robotics team member, and two "
                "graduates a year starting as apprentice technicians.",
                "direction": "Keep internships and mentoring; open a pre-apprenticeship for seniors this spring.",
                "priorities": [
                    (
                        "More students complete the engineering CTE pathway",
                        "A local pipeline of entry-level robotics technicians",
                        "STEM, workforce",
                    ),
                    (
                        "Students practise teamwork and problem solving on real projects",
                        "Engineers grow as leaders by mentoring",
                        "mentoring, soft skills",
                    ),
                    (
                        "Pathways after graduation that do not require a four-year degree",
                        "Fill apprentice technician positions locally",
                        "apprenticeship, workforce",
                    ),
                ],
            },
        ],
        "goals": [
            (
                "school",
                "Every junior in the engineering pathway completes at least 20 hours of work-based learning.",
                "Hours logged per student",
                "40 students a year",
                Goal.Status.ON_TRACK,
            ),
            (
                "company",
                "Hire two program graduates as apprentice technicians.",
                "Apprentices hired",
                "2 by next June",
                Goal.Status.NOT_STARTED,
            ),
            (
                "shared",
                "The robotics team reaches the state qualifier with Acme mentors.",
                "Competition results",
                "State qualifier",
                Goal.Status.ACHIEVED,
            ),
        ],
        "commitments": [
            {
                "party": "business",
                "kind": Commitment.Kind.TIME,
                "description": "Engineers mentor the robotics team two evenings a week",
                "amount": "16",
                "unit": "hours",
                "cadence": Commitment.Cadence.MONTHLY,
                "period": (-400, 200),
                "deliveries": [(-90, "14", "September sessions"), (-60, "16", "October sessions"), (-30, "15", "")],
            },
            {
                "party": "business",
                "kind": Commitment.Kind.EQUIPMENT,
                "description": "Robotics kits for the engineering lab",
                "amount": "10",
                "unit": "kits",
                "cadence": Commitment.Cadence.ONCE,
                "period": (-300, -240),
                "deliveries": [(-280, "6", "First shipment"), (-250, "4", "Remaining kits")],
            },
            {
                "party": "business",
                "kind": Commitment.Kind.PEOPLE,
                "description": "Host paid summer interns",
                "amount": "6",
                "unit": "interns",
                "cadence": Commitment.Cadence.YEARLY,
                "period": (-420, None),
                "deliveries": [(-150, "5", "Summer cohort: one intern withdrew in week two")],
            },
            {
                "party": "school",
                "kind": Commitment.Kind.SPACE,
                "description": "Engineering lab open for after-school mentoring sessions",
                "amount": "4",
                "unit": "hours",
                "cadence": Commitment.Cadence.WEEKLY,
                "period": (-400, 200),
                "deliveries": [(-7, "4", "Tuesday and Thursday sessions")],
            },
            {
                "party": "school",
                "kind": Commitment.Kind.TIME,
                "description": "Internship liaison visits interns at the Acme site",
                "amount": "2",
                "unit": "visits",
                "cadence": Commitment.Cadence.MONTHLY,
                "period": (-420, None),
                "deliveries": [(-20, "2", "")],
            },
        ],
        "roles": [
            (
                "Mei Chen",
                "Executive sponsor",
                "Champions the partnership with Acme's leadership; approves the intern budget.",
                "2",
            ),
            (
                "Jordan Reyes",
                "Mentor lead",
                "Recruits and schedules engineer mentors; first call for intern questions.",
                "10",
            ),
            (
                "Priya Natarajan",
                "School liaison",
                "Matches students to placements, visits the site, collects evaluations.",
                "12",
            ),
        ],
    },
    {
        "school": DISTRICT,
        "business": "Riverside Regional Medical Center",
        "since": -660,
        "start": -600,
        "programs": ["Internships", "Job shadows", "Career day"],
        "notes": "District-wide health-careers partnership: job shadows for every high school, clinical "
        "internships and the CNA pathway for seniors.",
        "lifecycle": [
            ("onboarding", -640, "The hospital's education team signed on; volunteer paperwork under way."),
            ("active", -600, "Both primaries named; first job shadows scheduled."),
        ],
        "contacts": [
            ("school", "Dana Whitfield", "primary", -640),
            ("business", "Aisha Bello", "primary", -640),
            ("school", "Marcus Bell", "backup", -300),
            ("business", "Hannah Price", "backup", -300),
        ],
        "charters": [
            {
                "published": -630,
                "acknowledged_by": "partner2",
                "acknowledged": -620,
                "vision": "Every Riverside student can see a future in health care, and the medical center "
                "hires people who grew up here.",
                "hopes": "Job shadows for every interested tenth grader; clinical internships for seniors.",
                "direction": "Begin with job shadows and a health careers day, then add internships.",
                "priorities": [
                    (
                        "Students discover health careers beyond doctor and nurse",
                        "A wider applicant pool for hard-to-fill allied health roles",
                        "healthcare, workforce, equity",
                    ),
                ],
            },
            {
                "published": -14,
                "change_note": "Added the summer CNA pathway and the new job-shadow schedule.",
                "vision": "Every Riverside student can see a future in health care, and the medical center "
                "hires people who grew up here.",
                "hopes": "Job shadows for every interested tenth grader; clinical internships for seniors; "
                "ten seniors a year certified as nursing assistants.",
                "direction": "Keep job shadows and the careers day; run the CNA course every summer.",
                "priorities": [
                    (
                        "Students discover health careers beyond doctor and nurse",
                        "A wider applicant pool for hard-to-fill allied health roles",
                        "healthcare, workforce, equity",
                    ),
                    (
                        "Students earn industry-recognized credentials before graduating",
                        "Certified nursing assistants ready on their first day",
                        "credentials, CNA",
                    ),
                ],
            },
        ],
        "goals": [
            (
                "school",
                "Every tenth grader in the health pathway completes one hospital job shadow.",
                "Job shadows completed",
                "120 students a year",
                Goal.Status.ON_TRACK,
            ),
            (
                "company",
                "Keep nursing assistants hired through the program for at least a year.",
                "12-month retention",
                "85%",
                Goal.Status.AT_RISK,
            ),
            (
                "shared",
                "Run a district-wide health careers day.",
                "Students attending",
                "300 students",
                Goal.Status.ACHIEVED,
            ),
        ],
        "commitments": [
            {
                "party": "business",
                "kind": Commitment.Kind.PEOPLE,
                "description": "Clinical staff host student job shadows",
                "amount": "30",
                "unit": "job shadows",
                "cadence": Commitment.Cadence.TERM,
                "period": (-600, None),
                "deliveries": [(-100, "12", "Fall round"), (-40, "14", "Winter round")],
            },
            {
                "party": "business",
                "kind": Commitment.Kind.FUNDING,
                "description": "Pay CNA exam fees for seniors",
                "amount": "3000",
                "unit": "dollars",
                "cadence": Commitment.Cadence.YEARLY,
                "period": (-365, 0),
                "deliveries": [(-200, "1500", "Spring cohort exam fees")],
            },
            {
                "party": "business",
                "kind": Commitment.Kind.OTHER,
                "description": "Feature a student story in the hospital newsletter",
                "amount": "2",
                "unit": "articles",
                "cadence": Commitment.Cadence.YEARLY,
                "period": (-395, -30),
                "deliveries": [],
                "status": Commitment.Status.MISSED,
            },
            {
                "party": "school",
                "kind": Commitment.Kind.TIME,
                "description": "Bus students to the hospital on job-shadow days",
                "amount": "4",
                "unit": "trips",
                "cadence": Commitment.Cadence.TERM,
                "period": (-600, None),
                "deliveries": [(-45, "2", "")],
            },
        ],
        "roles": [
            (
                "Robert Kim",
                "Executive sponsor",
                "Sponsors the program with hospital leadership; signs placement agreements.",
                "2",
            ),
            (
                "Hannah Price",
                "Mentor lead",
                "Finds preceptors for job shadows and clinical interns; runs orientation.",
                "8",
            ),
            (
                "Dana Whitfield",
                "School liaison",
                "Schedules job shadows across the high schools; handles consent forms.",
                "10",
            ),
            ("Marcus Bell", "Executive sponsor", "Speaks for the district; reports results to the school board.", "1"),
        ],
    },
    {
        "school": "Riverside High School",
        "business": "Bluewater Credit Union",
        "since": -590,
        "start": -540,
        "programs": ["Job shadows", "Mentoring"],
        "notes": "Financial-literacy workshops in the personal finance elective, and a student-run branch pilot.",
        "lifecycle": [
            ("onboarding", -570, "Linda offered workshop volunteers for the personal finance elective."),
            ("active", -540, "First workshop held."),
        ],
        "contacts": [
            ("school", "Tom Alvarez", "primary", -570),
            ("business", "Linda Park", "primary", -570),
            ("business", "Keisha Grant", "backup", -400),
        ],
        "charters": [
            {
                "published": -560,
                "vision": "Students leave Riverside High able to budget, save and borrow wisely.",
                "hopes": "A monthly workshop in every personal finance section.",
                "direction": "Workshops first; job shadows at the Main Street branch for interested students.",
                "priorities": [
                    (
                        "Financial literacy for every graduate",
                        "Trusted relationships with young families in town",
                        "financial literacy, community",
                    ),
                ],
            },
            {
                "published": -70,
                "change_note": "New business contact after the handoff; added the student-run branch pilot.",
                "vision": "Students leave Riverside High able to budget, save and borrow wisely.",
                "hopes": "A monthly workshop in every personal finance section, and a student-run branch open "
                "at lunch twice a week.",
                "direction": "Keep the workshops; pilot the student-run branch in the spring term.",
                "priorities": [
                    (
                        "Financial literacy for every graduate",
                        "Trusted relationships with young families in town",
                        "financial literacy, community",
                    ),
                    (
                        "Students practise customer service and handling money",
                        "Find future tellers and member-service staff",
                        "workforce, soft skills",
                    ),
                ],
            },
        ],
        "goals": [
            (
                "school",
                "Students in the personal finance elective complete a budget reviewed by a Bluewater mentor.",
                "Budgets reviewed",
                "All 90 students",
                Goal.Status.ON_TRACK,
            ),
            (
                "company",
                "Young families in town know Bluewater as their credit union.",
                "Youth accounts opened",
                "50 a year",
                Goal.Status.ON_TRACK,
            ),
            (
                "shared",
                "Pilot a student-run branch in the cafeteria.",
                "Branch open days",
                "2 days a week in spring",
                Goal.Status.NOT_STARTED,
            ),
        ],
        "commitments": [
            {
                "party": "business",
                "kind": Commitment.Kind.TIME,
                "description": "Mentors lead monthly financial-literacy workshops",
                "amount": "6",
                "unit": "hours",
                "cadence": Commitment.Cadence.MONTHLY,
                "period": (-540, None),
                "deliveries": [(-95, "6", ""), (-65, "4", "Snow day cut one session"), (-35, "6", "")],
            },
            {
                "party": "business",
                "kind": Commitment.Kind.FUNDING,
                "description": "Start-up money for the student-run branch pilot",
                "amount": "1500",
                "unit": "dollars",
                "cadence": Commitment.Cadence.ONCE,
                "period": (0, 120),
                "deliveries": [],
            },
            {
                "party": "school",
                "kind": Commitment.Kind.SPACE,
                "description": "Room 114 for the workshops",
                "amount": "1",
                "unit": "classroom",
                "cadence": Commitment.Cadence.MONTHLY,
                "period": (-540, None),
                "deliveries": [(-35, "1", "")],
            },
        ],
        "roles": [
            ("Samuel Ortiz", "Executive sponsor", "Approves volunteer time for branch staff.", "1"),
            ("Keisha Grant", "Mentor lead", "Plans the workshops and trains volunteer mentors.", "6"),
            ("Tom Alvarez", "School liaison", "Schedules workshops with the personal finance teachers.", "3"),
        ],
        "handoffs": [
            {
                "from": "Linda Park",
                "to": "Samuel Ortiz",
                "date": -75,
                "notes": "Linda moved to the credit union's regional office in Salem. Samuel has met the "
                "mentors and has the spring workshop schedule.",
                "leaves": True,
            },
        ],
    },
    {
        "school": "Lincoln Middle School",
        "business": "Pinecrest Logistics",
        "since": -240,
        "start": -200,
        "programs": ["Career day", "Job shadows"],
        "notes": "Warehouse tours and a logistics careers talk for eighth graders.",
        "lifecycle": [
            ("onboarding", -230, "Tanya offered tours after the career fair."),
            ("active", -200, "Safety briefing agreed; first tour booked."),
        ],
        "contacts": [
            ("school", "Grace Okafor", "primary", -230),
            ("school", "Dana Whitfield", "backup", -230),
            ("business", "Tanya Brooks", "primary", -230),
            ("business", "Ivan Petrov", "backup", -150),
        ],
        "charters": [
            {
                "published": -220,
                "vision": "Eighth graders see how goods reach their town, and the jobs that make it happen.",
                "hopes": "Every eighth grader tours the distribution center once before high school.",
                "direction": "Tours each term; a job-shadow day for interested ninth graders later.",
                "priorities": [
                    (
                        "Students explore careers before choosing a high-school pathway",
                        "Families know logistics as a local career",
                        "career exploration, workforce",
                    ),
                    (
                        "Students learn workplace safety habits",
                        "A safety culture that starts before hiring",
                        "safety",
                    ),
                ],
            },
        ],
        "goals": [
            (
                "school",
                "Eighth graders explore logistics careers before choosing high-school pathways.",
                "Students toured",
                "All eighth graders",
                Goal.Status.ON_TRACK,
            ),
            (
                "company",
                "Families see logistics as a good local career.",
                "Parent survey",
                "60% aware",
                Goal.Status.NOT_STARTED,
            ),
        ],
        "commitments": [
            {
                "party": "business",
                "kind": Commitment.Kind.PEOPLE,
                "description": "Warehouse tours for eighth-grade classes",
                "amount": "4",
                "unit": "tours",
                "cadence": Commitment.Cadence.TERM,
                "period": (-200, None),
                "deliveries": [(-30, "2", "Science classes")],
            },
            {
                "party": "business",
                "kind": Commitment.Kind.EQUIPMENT,
                "description": "Safety vests and hard hats for visiting students",
                "amount": "30",
                "unit": "sets",
                "cadence": Commitment.Cadence.ONCE,
                "period": (-200, -170),
                "deliveries": [(-190, "30", "")],
            },
            {
                "party": "school",
                "kind": Commitment.Kind.TIME,
                "description": "Teacher chaperones for site visits",
                "amount": "8",
                "unit": "hours",
                "cadence": Commitment.Cadence.TERM,
                "period": (-200, None),
                "deliveries": [],
            },
        ],
        "roles": [
            ("Carlos Mendez", "Executive sponsor", "Opens the warehouse floor for tours.", "1"),
            ("Tanya Brooks", "Safety lead", "Gives the safety briefing and leads every tour.", "4"),
            ("Grace Okafor", "School liaison", "Books tours and collects permission slips.", "3"),
        ],
    },
    {
        "school": "Riverside High School",
        "business": "Summit Construction Group",
        "since": -35,
        "start": 30,
        "programs": ["Apprenticeships", "Job shadows"],
        "notes": "Pre-apprenticeship in carpentry for seniors. Summit has not yet named its primary contact.",
        "lifecycle": [("onboarding", -21, "Derek agreed in principle; waiting for Summit to name a contact.")],
        "contacts": [
            ("school", "Priya Natarajan", "primary", -21),
            ("business", "Rosa Delgado", "backup", -14),
        ],
        "charters": [
            {
                "published": -10,
                "vision": "Seniors who like building things start a paid carpentry career straight from school.",
                "hopes": "Two pre-apprentices a term on Summit job sites.",
                "direction": "Job shadows this spring; pre-apprenticeships from the fall.",
                "priorities": [
                    (
                        "A construction-trades pathway at Riverside High",
                        "Apprentice carpenters trained the Summit way",
                        "trades, apprenticeship",
                    ),
                ],
            },
        ],
        "goals": [
            (
                "school",
                "Offer a construction-trades pathway.",
                "Pathway approved",
                "Next school year",
                Goal.Status.NOT_STARTED,
            ),
            (
                "company",
                "Recruit pre-apprentices for the carpentry crew.",
                "Pre-apprentices placed",
                "2 a term",
                Goal.Status.NOT_STARTED,
            ),
        ],
        "commitments": [
            {
                "party": "business",
                "kind": Commitment.Kind.PEOPLE,
                "description": "Host pre-apprentices on job sites",
                "amount": "2",
                "unit": "students",
                "cadence": Commitment.Cadence.TERM,
                "period": (30, None),
                "deliveries": [],
            },
        ],
        "roles": [
            ("Derek Olsen", "Executive sponsor", "Decides which job sites can take students.", "1"),
        ],
    },
    {
        "school": "Lincoln Middle School",
        "business": "Green Valley Farms",
        "since": -350,
        "start": -300,
        "programs": ["Job shadows", "Career day"],
        "notes": "Farm field trips tied to the seventh-grade life science unit.",
        "lifecycle": [
            ("onboarding", -330, "The Whitakers offered field trips after the farmers' market talk."),
            ("active", -300, "First field trip scheduled."),
            ("paused", -40, "Harvest season: nobody at the farm can host students until November."),
        ],
        "contacts": [
            ("school", "Grace Okafor", "primary", -330),
            ("business", "Ben Whitaker", "primary", -330),
        ],
        "charters": [
            {
                "published": -320,
                "vision": "Students see where their food comes from and the science behind growing it.",
                "hopes": "Each seventh-grade class visits the farm once a year.",
                "direction": "Spring and fall field trips; a career-day visit from the Whitakers.",
                "priorities": [
                    (
                        "Connect life science to the real world",
                        "Young people who value local farming",
                        "science, agriculture",
                    ),
                ],
            },
        ],
        "goals": [
            (
                "school",
                "Students connect life science class to food production.",
                "Field-trip reflections",
                "Every seventh grader",
                Goal.Status.ACHIEVED,
            ),
            (
                "company",
                "Find seasonal help among students' families.",
                "Seasonal hires",
                "3 a season",
                Goal.Status.DROPPED,
            ),
        ],
        "commitments": [
            {
                "party": "business",
                "kind": Commitment.Kind.SPACE,
                "description": "Host farm field trips",
                "amount": "3",
                "unit": "visits",
                "cadence": Commitment.Cadence.TERM,
                "period": (-300, None),
                "deliveries": [(-200, "2", "Spring planting visits")],
            },
        ],
        "roles": [
            ("Lucy Whitaker", "Executive sponsor", "Decides what the farm can offer each season.", "1"),
            ("Grace Okafor", "School liaison", "Plans the field trips with the science teachers.", "2"),
        ],
    },
    {
        "school": "Riverside High School",
        "business": "Harbor Light Media",
        "since": -12,
        "start": None,
        "programs": ["Internships"],
        "notes": "Met Nora at the Chamber of Commerce breakfast; interested in a video-production intern.",
        "lifecycle": [],
        "goals": [
            (
                "shared",
                "Agree whether a spring video-production internship is feasible.",
                "Decision made",
                "By the end of the month",
                Goal.Status.NOT_STARTED,
            ),
        ],
    },
    {
        "school": DISTRICT,
        "business": "Copper Kettle Bakery",
        "since": -800,
        "start": -760,
        "end": -120,
        "programs": ["Internships", "Career day"],
        "notes": "Culinary internships and career-day demonstrations.",
        "lifecycle": [
            ("onboarding", -790, "Maggie offered a summer internship."),
            ("active", -760, "First intern started."),
            (
                "ended",
                -120,
                "The bakery closed its second location and cannot host interns. Maggie is glad to come back "
                "for career day.",
            ),
        ],
        "contacts": [
            ("school", "Marcus Bell", "primary", -790),
            ("business", "Maggie O'Neill", "primary", -790),
        ],
        "charters": [
            {
                "published": -780,
                "vision": "Culinary students learn a professional kitchen from the inside.",
                "hopes": "One or two paid summer interns each year.",
                "direction": "Summer internships, then a career-day demonstration each spring.",
                "priorities": [
                    (
                        "Real kitchen experience for culinary students",
                        "Reliable summer help trained early",
                        "culinary, workforce",
                    ),
                ],
            },
        ],
        "goals": [
            (
                "shared",
                "Culinary students complete a paid summer internship.",
                "Internships completed",
                "2 a year",
                Goal.Status.ACHIEVED,
            ),
        ],
        "commitments": [
            {
                "party": "business",
                "kind": Commitment.Kind.PEOPLE,
                "description": "Paid summer internships in the bakery",
                "amount": "2",
                "unit": "interns",
                "cadence": Commitment.Cadence.YEARLY,
                "period": (-760, -120),
                "deliveries": [(-500, "2", "First summer"), (-150, "1", "Second summer")],
                "status": Commitment.Status.FULFILLED,
            },
        ],
        "roles": [
            ("Theo Baptiste", "Mentor lead", "Trains interns in the kitchen.", "8"),
        ],
    },
]

# Students ------------------------------------------------------------------------------------------
# (district id after "RUSD-", legal first name, preferred first name, last name, grade, school, birthday
#  (MM-DD), guardian, days since the guardian's consent form came in (None: not on file yet), days since
#  media consent (None: no media consent), emergency contact). Lincoln is a middle school, so
#  its students are in grades 7 and 8; Riverside High's in 9 to 12.
RHS, LINCOLN = "Riverside High School", "Lincoln Middle School"
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
PLACEMENTS = [
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

WEEKDAYS = {"Mon": 0, "Tue": 1, "Wed": 2, "Thu": 3, "Fri": 4, "Sat": 5, "Sun": 6}
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


# Safety ------------------------------------------------------------------------------------------
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
PROTOCOLS = {
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
CHECKS = [
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
SITE_VISITS = [
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

PAUSED_ON = -3  # the day the high-severity concern paused Fatima's internship

# Concerns, each once (by student, partnership and description). A high one is reported through the
# service, which pauses the placement and tells the safety lead.
CONCERNS = [
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


@dataclass
class Demo:
    """What the seeding steps share: today's date, the password asked for, and what exists so far."""

    today: datetime.date
    password: str | None
    organizations: dict[str, Organization] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)  # email -> password in effect, or "unchanged"
    students: dict[str, Student] = field(default_factory=dict)  # by district student id
    placements: dict[tuple, Placement] = field(default_factory=dict)  # by (district id, business, kind)
    link_path: str = ""  # the pending evaluation link to try

    def day(self, offset: int | None) -> datetime.date | None:
        return None if offset is None else self.today + datetime.timedelta(days=offset)

    def moment(self, offset: int) -> datetime.datetime:
        """Mid-morning, local time, on a day relative to today."""
        return timezone.make_aware(datetime.datetime.combine(self.day(offset), datetime.time(10, 0)))

    @property
    def coordinator(self):
        return self.users["coordinator"]


class Command(BaseCommand):
    help = "Load the demo district and its four logins. Safe to run again; refuses when DEBUG is off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help=f"Set the demo users' password (new users get {DEFAULT_PASSWORD!r}; existing ones keep theirs).",
        )
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, password=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a production database: seed_demo would add demo users with known "
                "passwords. Pass --force if you really want the demo data here."
            )
        if password is not None and not password.strip():
            raise CommandError("--password needs a non-empty value.")

        demo = Demo(today=timezone.localdate(), password=password)
        before = _row_count()
        with transaction.atomic():
            seed_programs(demo)
            seed_organizations(demo)
            seed_contacts(demo)
            seed_users(demo)
            seed_user_links(demo)
            seed_partnerships(demo)
            seed_students(demo)
            # The gate asks for these before a placement starts.
            seed_safety_policy(demo)
            seed_protocols(demo, after_placements=False)
            seed_background_checks(demo)
            seed_placements(demo)
            # What happened since the placements started.
            seed_protocols(demo, after_placements=True)
            seed_site_visits(demo)
            seed_check_ins(demo)
            seed_concerns(demo)
            seed_evaluation_link(demo)
            seed_log(demo)
            seed_stories(demo)
            seed_feedback(demo)
            seed_thank_you_notes(demo)
        self._report(demo, created=_row_count() - before)

    def _report(self, demo: Demo, *, created: int) -> None:
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo district ready: {created} records created."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo district already loaded: nothing new to create."))
        self.stdout.write("Demo logins:")
        for spec in DEMO_USERS:
            where = f"  ({spec['business']})" if "business" in spec else ""
            password = demo.passwords[spec["email"]]
            self.stdout.write(f"  {spec['label']:<12} {spec['email']:<36} password: {password}{where}")
        if demo.link_path:
            self.stdout.write(f"Try an evaluation link: {demo.link_path}  (a mentor's final evaluation, not yet used)")


def _row_count() -> int:
    """Rows in our own apps' tables, to tell whether a run created anything."""
    labels = {"accounts", "partnerships", "students", "safety", "communications"}
    return sum(
        model._default_manager.count()
        for config in apps.get_app_configs()
        if config.label in labels
        for model in config.get_models()
    )


def _email(first: str, last: str, domain: str) -> str:
    local = f"{first}.{last}".lower().replace("'", "").replace(" ", "")
    return f"{local}@{domain}"


def _phone(suffix: str) -> str:
    return f"({AREA_CODE}) 555-01{suffix}"


# Plain records -------------------------------------------------------------------------------------


def seed_programs(demo: Demo) -> None:
    for name, description in PROGRAMS.items():
        demo.programs[name], _ = Program.objects.get_or_create(name=name, defaults={"description": description})


def _organization(*, kind: str, name: str, **defaults) -> Organization:
    organization, _ = Organization.objects.get_or_create(kind=kind, name=name, defaults={**TOWN, **defaults})
    return organization


def seed_organizations(demo: Demo) -> None:
    district = _organization(
        kind=Organization.Kind.DISTRICT,
        name=DISTRICT,
        street="500 Education Way",
        website=f"https://www.{DISTRICT_DOMAIN}",
        sector=Organization.Sector.EDUCATION,
    )
    demo.organizations[district.name] = district
    for name, street, website in SCHOOLS:
        demo.organizations[name] = _organization(
            kind=Organization.Kind.SCHOOL,
            name=name,
            parent=district,
            street=street,
            website=website,
            sector=Organization.Sector.EDUCATION,
        )
    for spec in BUSINESSES:
        demo.organizations[spec["name"]] = _organization(
            kind=Organization.Kind.BUSINESS,
            name=spec["name"],
            street=spec["street"],
            website=f"https://www.{spec['domain']}",
            sector=spec["sector"],
            size=spec["size"],
            notes=spec["notes"],
        )


def _contact(organization: Organization, first: str, last: str, title: str, email: str, phone: str) -> Contact:
    contact, _ = Contact.objects.get_or_create(
        organization=organization,
        email=email,
        defaults={"first_name": first, "last_name": last, "title": title, "phone": phone},
    )
    return contact


def seed_contacts(demo: Demo) -> None:
    for org_name, first, last, title, phone in SCHOOL_STAFF:
        organization = demo.organizations[org_name]
        contact = _contact(organization, first, last, title, _email(first, last, DISTRICT_DOMAIN), _phone(phone))
        demo.contacts[contact.full_name] = contact
    for spec in BUSINESSES:
        organization = demo.organizations[spec["name"]]
        for first, last, title, phone in spec["contacts"]:
            contact = _contact(organization, first, last, title, _email(first, last, spec["domain"]), _phone(phone))
            demo.contacts[contact.full_name] = contact


def seed_users(demo: Demo) -> None:
    """The four logins. A new user gets --password or the default; an existing one keeps its password
    unless --password is given."""
    User = get_user_model()
    for spec in DEMO_USERS:
        email = spec["email"]
        first, last = spec["name"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            create = User.objects.create_superuser if spec["key"] == "admin" else User.objects.create_user
            user = create(email, password=demo.password or DEFAULT_PASSWORD, first_name=first, last_name=last)
            demo.passwords[email] = demo.password or DEFAULT_PASSWORD
        elif demo.password:
            user.set_password(demo.password)
            user.save(update_fields=["password"])
            demo.passwords[email] = demo.password
        else:
            demo.passwords[email] = "unchanged"
        if spec["key"] == "admin" and not (user.is_staff and user.is_superuser):
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        demo.users[spec["key"]] = user


def seed_user_links(demo: Demo) -> None:
    """Roles are data: the coordinator joins the coordinator group; partners get a membership of their
    business; each non-admin user is linked to their Contact so they can be a point of contact."""
    roles.sync_coordinator_group()
    demo.coordinator.groups.add(Group.objects.get(name=roles.COORDINATOR_GROUP))
    for spec in DEMO_USERS:
        user = demo.users[spec["key"]]
        if "business" in spec:
            PartnerMembership.objects.get_or_create(
                user=user, organization=demo.organizations[spec["business"]], defaults={"role": spec["membership_role"]}
            )
        if "contact" in spec:
            contact = demo.contacts[spec["contact"]]
            if contact.user_id is None:
                contact.user = user
                contact.save(update_fields=["user", "updated_at"])


# Partnerships, through the services ------------------------------------------------------------------


def seed_partnerships(demo: Demo) -> None:
    for spec in PARTNERSHIPS:
        school = demo.organizations[spec["school"]]
        business = demo.organizations[spec["business"]]
        if Partnership.objects.filter(school=school, business=business).exists():
            continue  # built in full, in one transaction, by an earlier run
        partnership = services.partnership_create(
            by=demo.coordinator,
            school=school,
            business=business,
            start_date=demo.day(spec["start"]),
            end_date=demo.day(spec.get("end")),
            programs=[demo.programs[name] for name in spec["programs"]],
            notes=spec["notes"],
        )
        Partnership.objects.filter(pk=partnership.pk).update(created_at=demo.moment(spec["since"]))
        # Charter versions published after a handoff come after it, so the handoff's snapshot of open
        # items shows only what existed on the day.
        handoff_day = min((handoff["date"] for handoff in spec.get("handoffs", [])), default=None)
        versions = spec.get("charters", [])
        before = [v for v in versions if handoff_day is None or v["published"] <= handoff_day]
        _points_of_contact(demo, partnership, spec.get("contacts", []))
        _charters(demo, partnership, before)
        _goals(partnership, spec.get("goals", []))
        _commitments(demo, partnership, spec.get("commitments", []))
        _partnership_roles(demo, partnership, spec.get("roles", []))
        _lifecycle(demo, partnership, spec["lifecycle"])
        _handoffs(demo, partnership, spec.get("handoffs", []))
        _charters(demo, partnership, versions[len(before) :])


def _points_of_contact(demo: Demo, partnership: Partnership, contacts: list) -> None:
    # Named before activation: an active partnership needs a primary on both sides.
    for side, name, role, offset in contacts:
        services.poc_assign(
            partnership=partnership,
            side=side,
            contact=demo.contacts[name],
            role=role,
            by=demo.coordinator,
            start_date=demo.day(offset),
        )


def _charters(demo: Demo, partnership: Partnership, versions: list) -> None:
    for spec in versions:
        charter = services.charter_publish(
            partnership=partnership,
            by=demo.coordinator,
            vision=spec["vision"],
            hopes=spec.get("hopes", ""),
            direction=spec.get("direction", ""),
            change_note=spec.get("change_note", ""),
            priorities=[
                {"district_goal": district_goal, "company_goal": company_goal, "tags": tags}
                for district_goal, company_goal, tags in spec["priorities"]
            ],
        )
        Charter.objects.filter(pk=charter.pk).update(created_at=demo.moment(spec["published"]))
        if spec.get("acknowledged_by"):
            services.charter_acknowledge(charter=charter, by=demo.users[spec["acknowledged_by"]])
            Charter.objects.filter(pk=charter.pk).update(acknowledged_at=demo.moment(spec["acknowledged"]))


def _goals(partnership: Partnership, goals: list) -> None:
    for owner, description, measure, target, status in goals:
        Goal.objects.get_or_create(
            partnership=partnership,
            description=description,
            defaults={"owner": owner, "measure": measure, "target": target, "status": status},
        )


def _commitments(demo: Demo, partnership: Partnership, commitments: list) -> None:
    for spec in commitments:
        period_start, period_end = spec["period"]
        commitment, created = Commitment.objects.get_or_create(
            partnership=partnership,
            party=spec["party"],
            description=spec["description"],
            defaults={
                "kind": spec["kind"],
                "amount": Decimal(spec["amount"]),
                "unit": spec["unit"],
                "cadence": spec["cadence"],
                "period_start": demo.day(period_start),
                "period_end": demo.day(period_end),
            },
        )
        if not created:
            continue
        for offset, amount, note in spec["deliveries"]:
            services.commitment_record_delivery(
                commitment=commitment, by=demo.coordinator, amount=Decimal(amount), date=demo.day(offset), note=note
            )
        if spec.get("status"):  # how it ended, when the deliveries alone do not say
            commitment.status = spec["status"]
            commitment.save(update_fields=["status", "updated_at"])


def _partnership_roles(demo: Demo, partnership: Partnership, roles_: list) -> None:
    for name, title, responsibilities, hours in roles_:
        PartnershipRole.objects.get_or_create(
            partnership=partnership,
            contact=demo.contacts[name],
            title=title,
            defaults={"responsibilities": responsibilities, "hours_per_month": Decimal(hours)},
        )


def _lifecycle(demo: Demo, partnership: Partnership, steps: list) -> None:
    for to_status, offset, reason in steps:
        services.partnership_transition(
            partnership=partnership, to_status=to_status, by=demo.coordinator, reason=reason
        )
        # The history should read as it would have happened, not as all of it today.
        latest = StatusChange.objects.filter(partnership=partnership).order_by("-pk").first()
        StatusChange.objects.filter(pk=latest.pk).update(changed_at=demo.moment(offset))


def _handoffs(demo: Demo, partnership: Partnership, handoffs: list) -> None:
    for spec in handoffs:
        outgoing = demo.contacts[spec["from"]]
        poc = PointOfContact.objects.filter(partnership=partnership, contact=outgoing).unended().get()
        services.poc_handoff(
            poc=poc,
            successor=demo.contacts[spec["to"]],
            by=demo.coordinator,
            date=demo.day(spec["date"]),
            notes=spec["notes"],
        )
        if spec.get("leaves"):
            services.contact_deactivate(contact=outgoing, by=demo.coordinator)


# Students and placements, through the services -------------------------------------------------------

DISTRICT_ID_PREFIX = "RUSD-"


def _birth_date(today: datetime.date, grade: int, birthday: str) -> datetime.date:
    """A birthday that fits the grade: the school year starts in August, the cut-off is 1 September."""
    month, day = (int(part) for part in birthday.split("-"))
    school_year = today.year if today.month >= 8 else today.year - 1
    return datetime.date(school_year - grade - (6 if month >= 9 else 5), month, day)


def _free_phones() -> list[str]:
    """Two-digit suffixes of 555-01xx numbers no demo contact uses, for guardians and emergency contacts."""
    used = {row[-1] for row in SCHOOL_STAFF} | {c[-1] for spec in BUSINESSES for c in spec["contacts"]}
    return [f"{n:02d}" for n in range(100) if f"{n:02d}" not in used]


def seed_students(demo: Demo) -> None:
    """Students by district student id; one already there is left as it is. There is no student service
    (the form and the import save the model), so each is validated with full_clean before saving."""
    phones = _free_phones()
    for index, row in enumerate(STUDENTS):
        number, legal, preferred, last, grade, school, birthday, guardian, consent, media, emergency = row
        district_id = DISTRICT_ID_PREFIX + number
        student = Student.objects.filter(district_student_id=district_id).first()
        if student is None:
            guardian_first, guardian_last = guardian.split(" ", 1)
            domain = GUARDIAN_MAIL_DOMAINS[index % len(GUARDIAN_MAIL_DOMAINS)]
            student = Student(
                district_student_id=district_id,
                legal_first_name=legal,
                preferred_first_name=preferred,
                last_name=last,
                date_of_birth=_birth_date(demo.today, grade, birthday),
                grade=grade,
                school=demo.organizations[school],
                guardian_name=guardian,
                guardian_email=_email(guardian_first, guardian_last, domain),
                guardian_phone=_phone(phones[2 * index]),
                emergency_contact=f"{emergency}, {_phone(phones[2 * index + 1])}",
                guardian_consent_on=demo.day(None if consent is None else -consent),
                media_consent=media is not None,
                media_consent_on=demo.day(None if media is None else -media),
                # Families who signed the media release signed the full disclosure consent with it.
                disclosure_basis=Student.DisclosureBasis.CONSENT
                if media is not None
                else Student.DisclosureBasis.DIRECTORY,
            )
            student.full_clean()
            student.save()
        demo.students[district_id] = student


def seed_placements(demo: Demo) -> None:
    """Placements by (student, partnership, kind). A new one is taken through its lifecycle with the
    services; an active or completed one then gets its learning goals, evaluations and hours."""
    for spec in PLACEMENTS:
        student = demo.students[spec["student"]]
        school_name, business_name = spec["partnership"]
        partnership = Partnership.objects.get(
            school=demo.organizations[school_name], business=demo.organizations[business_name]
        )
        key = (spec["student"], business_name, spec["kind"])
        placement = Placement.objects.filter(student=student, partnership=partnership, kind=spec["kind"]).first()
        if placement is None:
            placement = _placement(demo, spec, student, partnership)
            if placement.status in (Placement.Status.ACTIVE, Placement.Status.COMPLETED):
                goals = _learning_goals(placement, spec["learning_goals"])
                _evaluations(demo, placement, spec["learning_goals"], goals)
                _hours(demo, placement, spec["activities"], until=PAUSED_ON - 1 if spec["status"] == "paused" else -1)
        demo.placements[key] = placement


def _placement(demo: Demo, spec: dict, student: Student, partnership: Partnership) -> Placement:
    status, start, end = spec["status"], spec["start"], spec["end"]
    # A placement is activated while it still runs (the gate refuses an end date that has passed), so a
    # completed one starts with today as its end and gets its real end date once it is completed.
    activated_until = max(end, 0) if status == Placement.Status.COMPLETED else end
    created = min(start - 21, -2)
    approved = min(created + 5, -1)
    hours = spec.get("hours_per_week")
    placement = student_services.placement_create(
        by=demo.coordinator,
        student=student,
        partnership=partnership,
        kind=spec["kind"],
        site_address=spec.get("site", ""),
        mentor=demo.contacts[spec["mentor"]] if spec["mentor"] else None,
        supervisor=demo.coordinator if spec.get("supervised", True) else None,
        start_date=demo.day(start),
        end_date=demo.day(activated_until),
        days=spec.get("days", ""),
        hours_per_week=Decimal(hours) if hours else None,
        notes=spec.get("notes", ""),
    )
    Placement.objects.filter(pk=placement.pk).update(created_at=demo.moment(created))
    if status == Placement.Status.CANCELLED:
        cancelled_from, cancelled_on, reason = spec["cancel"]
        if cancelled_from == Placement.Status.APPROVED:
            _transition(demo, placement, Placement.Status.APPROVED, approved)
        _transition(demo, placement, Placement.Status.CANCELLED, cancelled_on, reason)
        return placement
    if status == Placement.Status.PROPOSED:
        return placement
    _transition(demo, placement, Placement.Status.APPROVED, approved, "Interview went well; host confirmed.")
    if status == Placement.Status.APPROVED:
        return placement
    _transition(demo, placement, Placement.Status.ACTIVE, start)  # the readiness gate
    if status == Placement.Status.COMPLETED:
        _transition(demo, placement, Placement.Status.COMPLETED, end, "Finished the planned hours.")
        # History as it happened, like the dates of the status changes: a finished placement cannot change.
        Placement.objects.filter(pk=placement.pk).update(end_date=demo.day(end))
        placement.refresh_from_db()
    return placement  # a paused one is paused later, by its concern (seed_concerns)


def _transition(demo: Demo, placement: Placement, to_status: str, offset: int, reason: str = "") -> None:
    student_services.placement_transition(placement=placement, to_status=to_status, by=demo.coordinator, reason=reason)
    # The history should read as it would have happened, not as all of it today.
    latest = PlacementStatusChange.objects.filter(placement=placement).order_by("-pk").first()
    PlacementStatusChange.objects.filter(pk=latest.pk).update(changed_at=demo.moment(offset))


def _learning_goals(placement: Placement, specs: list) -> list:
    goals_by_owner: dict[str, Goal] = {}
    for goal in Goal.objects.filter(partnership=placement.partnership).order_by("pk"):
        goals_by_owner.setdefault(goal.owner, goal)
    return [
        student_services.learning_goal_save(
            placement=placement,
            text=text,
            skill=skill,
            target_level=target,
            serves=[goals_by_owner[owner] for owner in owners],
        )
        for text, skill, target, owners, _scores in specs
    ]


def _evaluations(demo: Demo, placement: Placement, specs: list, goals: list) -> None:
    """Midpoint evaluations by the mentor and the student once the midpoint has passed; final ones too
    when the placement is completed. Submitted in the app (no link), dated when they would have been."""
    phases = []
    if placement.midpoint < demo.today:
        phases.append((Evaluation.Phase.MIDPOINT, (placement.midpoint - demo.today).days))
    if placement.status == Placement.Status.COMPLETED:
        phases.append((Evaluation.Phase.FINAL, (placement.end_date - demo.today).days))
    name, business = placement.student.first_name, placement.partnership.business.name
    for phase, offset in phases:
        for evaluator, delay in ((Evaluation.Evaluator.MENTOR, 1), (Evaluation.Evaluator.STUDENT, 2)):
            scores = {}
            for index, (goal, spec) in enumerate(zip(goals, specs, strict=True)):
                midpoint, final = spec[-1]
                score = midpoint if phase == Evaluation.Phase.MIDPOINT else final
                if evaluator == Evaluation.Evaluator.STUDENT:
                    # Students rate themselves a little lower at first, and mostly agree by the end.
                    lower = index % 2 == 0 if phase == Evaluation.Phase.MIDPOINT else index % 3 == 2
                    score = max(1, score - lower)
                    comments = STUDENT_COMMENTS
                else:
                    comments = MENTOR_COMMENTS
                scores[goal.pk] = (score, comments[score])
            evaluation = student_services.evaluation_submit(
                placement=placement,
                evaluator=evaluator,
                phase=phase,
                scores=scores,
                overall_comments=OVERALL_COMMENTS[(evaluator, phase)].format(name=name, business=business),
                evaluator_name=placement.mentor.full_name if evaluator == Evaluation.Evaluator.MENTOR else name,
                by=None,
            )
            Evaluation.objects.filter(pk=evaluation.pk).update(submitted_at=demo.moment(min(offset + delay, -1)))


def _hours(demo: Demo, placement: Placement, activities: list[str], until: int = -1) -> None:
    """One entry per scheduled day over the last few weeks up to `until` (yesterday, or the day before a
    pause), confirmed by the mentor except the latest week."""
    weekdays = {WEEKDAYS[day.strip()] for day in placement.days.split(",") if day.strip()}
    if not weekdays or not placement.hours_per_week:
        return
    per_day = (placement.hours_per_week / len(weekdays)).quantize(Decimal("0.25"))
    last = min(placement.end_date, demo.day(until))
    day = max(placement.start_date, last - datetime.timedelta(weeks=HOURS_WEEKS) + datetime.timedelta(days=1))
    count = 0
    while day <= last:
        if day.weekday() in weekdays:
            entry = student_services.hours_record(
                placement=placement,
                by=demo.coordinator,
                date=day,
                hours=per_day,
                activity=activities[count % len(activities)],
            )
            count += 1
            offset = (day - demo.today).days
            if -offset > UNVERIFIED_DAYS:
                student_services.hours_verify(entry=entry, verified_by=placement.mentor.full_name)
                HoursEntry.objects.filter(pk=entry.pk).update(verified_at=demo.moment(offset + 2))
        day += datetime.timedelta(days=1)


def seed_evaluation_link(demo: Demo) -> None:
    """One pending evaluation link to try. A run finds the link an earlier run made, while it is unused
    and unexpired, instead of making a second."""
    for spec in PLACEMENTS:
        if "link" not in spec:
            continue
        placement = demo.placements[(spec["student"], spec["partnership"][1], spec["kind"])]
        if placement.status not in (Placement.Status.ACTIVE, Placement.Status.COMPLETED):
            continue  # changed by hand since: no link to offer
        evaluator, phase = spec["link"]
        link = SignedLink.objects.filter(
            purpose=student_services.EVALUATION_LINK,
            payload__placement=placement.pk,
            payload__evaluator=evaluator,
            payload__phase=phase,
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).first()
        if link is None:
            link = student_services.evaluation_link_create(
                placement=placement, evaluator=evaluator, phase=phase, by=demo.coordinator
            )
        demo.link_path = signed_links.path_for(link)


# Safety, through the services -------------------------------------------------------------------------


def _partnership(demo: Demo, school: str, business: str) -> Partnership:
    return Partnership.objects.get(school=demo.organizations[school], business=demo.organizations[business])


def seed_safety_policy(demo: Demo) -> None:
    """The district's policy with the coordinator as its safety lead, and this school year's quarters.
    The quarters are made only while the policy has no grading periods, so a district's own periods are
    never mixed with the demo's."""
    policy = SafetyPolicy.current()
    if policy.safety_lead_id is None:
        policy.safety_lead = demo.coordinator
        policy.full_clean()
        policy.save(update_fields=["safety_lead", "updated_at"])
    if policy.grading_periods.exists():
        return
    for name, first, last in GRADING_PERIODS:
        period = GradingPeriod(policy=policy, name=name, start_date=demo.day(first), end_date=demo.day(last))
        period.full_clean()
        period.save()


def seed_protocols(demo: Demo, *, after_placements: bool) -> None:
    """Each protocol version once (by key and version number), published through the service with the
    acknowledgments it got. Called before the placements start for the versions their gate needed, and
    after them for the revisions published since."""
    for key, versions in PROTOCOLS.items():
        for number, spec in enumerate(versions, start=1):
            if spec.get("after_placements", False) != after_placements:
                continue
            if SafetyProtocol.objects.filter(key=key, version=number).exists():
                continue  # published, and acknowledged, by an earlier run
            protocol = safety_services.protocol_publish(
                key=key, title=spec["title"], body=spec["body"], effective_on=demo.day(spec["effective"])
            )
            SafetyProtocol.objects.filter(pk=protocol.pk).update(created_at=demo.moment(spec["effective"]))
            for business, person, offset in spec["acknowledged"]:
                contact = demo.contacts[person]
                acknowledgment = safety_services.protocol_acknowledge(
                    organization=demo.organizations[business],
                    protocol=protocol,
                    by_name=contact.full_name,
                    by=contact.user,  # the demo partners acknowledged in the app; the others on paper
                )
                ProtocolAcknowledgment.objects.filter(pk=acknowledgment.pk).update(acknowledged_at=demo.moment(offset))


def seed_background_checks(demo: Demo) -> None:
    """Each check once, by its person and the provider's reference, recorded through the service (which
    dates a cleared check's expiry by the policy); a check entered by mistake is voided with its reason."""
    for spec in CHECKS:
        contact = demo.contacts[spec["contact"]]
        if BackgroundCheck.objects.filter(contact=contact, reference=spec["key"]).exists():
            continue
        check = safety_services.check_record(
            contact=contact,
            by=demo.coordinator,
            provider=CHECK_PROVIDER,
            reference=spec["key"],
            requested_on=demo.day(spec["requested"]),
            completed_on=demo.day(spec.get("completed")),
            status=spec.get("status", BackgroundCheck.Status.CLEARED),
            notes=spec.get("notes", ""),
        )
        recorded = spec.get("completed", spec["requested"])
        BackgroundCheck.objects.filter(pk=check.pk).update(
            created_at=demo.moment(recorded), updated_at=demo.moment(recorded)
        )
        if spec.get("void"):
            safety_services.void(record=check, by=demo.coordinator, reason=spec["void"])
            BackgroundCheck.objects.filter(pk=check.pk).update(voided_at=demo.moment(recorded + 1))


def seed_site_visits(demo: Demo) -> None:
    """A partnership's visits are built once, while it has none, by the coordinator."""
    visited = set(SiteVisit.objects.values_list("partnership_id", flat=True))
    for spec in SITE_VISITS:
        school, business = spec["partnership"]
        partnership = _partnership(demo, school, business)
        if partnership.pk in visited:
            continue
        completed = spec["status"] == SiteVisit.Status.COMPLETED
        visit = safety_services.visit_save(
            partnership=partnership,
            visitor=demo.coordinator,
            scheduled_for=demo.day(spec["day"]),
            placements=[demo.placements[(student, business, kind)] for student, kind in spec["placements"]],
            site=spec["site"],
            status=spec["status"],
            completed_on=demo.day(spec["day"]) if completed else None,
            findings=spec.get("findings", ""),
            concerns=spec.get("concerns", ""),
            follow_up=spec.get("follow_up", ""),
        )
        # Booked two weeks ahead.
        SiteVisit.objects.filter(pk=visit.pk).update(created_at=demo.moment(min(spec["day"], 0) - 14))


def seed_check_ins(demo: Demo) -> None:
    """A placement's check-ins are built once, while it has none, by the coordinator; one entered on the
    wrong placement is voided."""
    for key, rows in CHECK_INS.items():
        placement = demo.placements[key]
        if placement.check_ins.exists():
            continue
        for offset, mode, wellbeing, notes, concern, void_reason in rows:
            check_in = safety_services.check_in_record(
                placement=placement,
                by=demo.coordinator,
                date=demo.day(offset),
                mode=mode,
                wellbeing=wellbeing,
                notes=notes,
                concern=concern,
            )
            CheckIn.objects.filter(pk=check_in.pk).update(created_at=demo.moment(offset))
            if void_reason:
                safety_services.void(record=check_in, by=demo.coordinator, reason=void_reason)
                CheckIn.objects.filter(pk=check_in.pk).update(voided_at=demo.moment(offset + 1))


def seed_concerns(demo: Demo) -> None:
    """Each concern once (by student, partnership and description), reported by the coordinator through
    the service and moved along its statuses. The high-severity one pauses its placement."""
    for spec in CONCERNS:
        placement = demo.placements[spec["placement"]]
        student, partnership = placement.student, placement.partnership
        if SafetyConcern.objects.filter(
            student=student, partnership=partnership, description=spec["description"]
        ).exists():
            continue
        concern = safety_services.concern_report(
            student=student,
            partnership=partnership,
            by=demo.coordinator,
            severity=spec["severity"],
            description=spec["description"],
            placement=placement,
        )
        reported = demo.moment(spec["day"])
        SafetyConcern.objects.filter(pk=concern.pk).update(created_at=reported, updated_at=reported)
        if concern.severity == SafetyConcern.Severity.HIGH:
            # The service paused the placement and queued the safety lead's email. Both happened on the
            # day it was reported; the lead counts as told then, so the queued email is not sent days late.
            SafetyConcern.objects.filter(pk=concern.pk).update(lead_notified_at=reported)
            PlacementStatusChange.objects.filter(placement=placement, to_status=Placement.Status.PAUSED).update(
                changed_at=reported
            )
        if "investigating" in spec:
            safety_services.concern_transition(
                concern=concern, to_status=SafetyConcern.Status.INVESTIGATING, by=demo.coordinator
            )
            SafetyConcern.objects.filter(pk=concern.pk).update(updated_at=demo.moment(spec["investigating"]))
        if "resolved" in spec:
            day, resolution = spec["resolved"]
            safety_services.concern_transition(
                concern=concern, to_status=SafetyConcern.Status.RESOLVED, by=demo.coordinator, resolution=resolution
            )
            SafetyConcern.objects.filter(pk=concern.pk).update(updated_at=demo.moment(day))


# Communications, through the services ------------------------------------------------------------------

# Log entries, each with the people who took part (by full name) and a follow-up day (and whether it is done).
# The dates leave Bluewater and Green Valley Farms overdue for a contact under the 30-day policy, one follow-up
# overdue and one coming up.
LOG_ENTRIES = [
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
STORIES = [
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


def seed_log(demo: Demo) -> None:
    """Contacts with partners, each logged once (a partnership, time and channel identify an entry)."""
    for spec in LOG_ENTRIES:
        partnership = _partnership(demo, *spec["partnership"])
        occurred_at = demo.moment(spec["day"])
        if LogEntry.objects.filter(partnership=partnership, occurred_at=occurred_at, channel=spec["channel"]).exists():
            continue
        follow_up, done = spec.get("follow_up", (None, False))
        communication_services.log_entry_save(
            partnership=partnership,
            by=demo.coordinator,
            occurred_at=occurred_at,
            channel=spec["channel"],
            direction=spec["direction"],
            summary=spec["summary"],
            contacts=[demo.contacts[name] for name in spec["people"]],
            users=[demo.coordinator],
            follow_up_on=demo.day(follow_up),
            follow_up_done=done,
        )


def seed_stories(demo: Demo) -> None:
    """Stories in each state, each made once (by title), with students who have media consent."""
    for spec in STORIES:
        if SuccessStory.objects.filter(title=spec["title"]).exists():
            continue
        story = communication_services.story_save(
            by=demo.coordinator,
            partnership=_partnership(demo, *spec["partnership"]),
            title=spec["title"],
            body=spec["body"],
            students=[demo.students[district_id] for district_id in spec["students"]],
            channel_newsletter="newsletter" in spec["channels"],
            channel_social="social" in spec["channels"],
            channel_website="website" in spec["channels"],
            publish_on=demo.day(spec["publish"]),
        )
        if spec["state"] in ("approved", "published"):
            communication_services.story_approve(story=story, by=demo.coordinator)
        if spec["state"] == "published":
            communication_services.story_publish(story=story, by=demo.coordinator)


# Feedback surveys and thank-you notes, through the services --------------------------------------------

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


def seed_feedback(demo: Demo) -> None:
    """Last term's partner surveys, most answered; each made once (by partnership, contact and term)."""
    for school, business, name, answer in PARTNER_SURVEYS:
        if name not in demo.contacts:
            continue
        partnership, contact = _partnership(demo, school, business), demo.contacts[name]
        if FeedbackRequest.objects.filter(partnership=partnership, contact=contact, period=SURVEY_TERM).exists():
            continue
        survey = feedback.feedback_request_create(
            partnership=partnership,
            audience=FeedbackRequest.Audience.PARTNER,
            occasion=FeedbackRequest.Occasion.TERM,
            by=demo.coordinator,
            contact=contact,
            period=SURVEY_TERM,
        )
        if answer is not None:
            communication, organization, value, recommend, comments = answer
            feedback.feedback_submit(
                request=survey,
                link=survey.link,
                communication=communication,
                organization=organization,
                value=value,
                would_recommend=recommend,
                comments=comments,
            )


def seed_thank_you_notes(demo: Demo) -> None:
    """A delivered note to Acme (partner1 sees it in the portal) and one waiting for the coordinator's
    approval to the hospital (partner2 sees it once approved); each made once, per placement."""
    for key, body, approve in THANK_YOU_NOTES:
        placement = demo.placements[key]
        if ThankYouNote.objects.filter(placement=placement).exists():
            continue
        note = thanks.thanks_start(
            partnership=placement.partnership,
            by=demo.coordinator,
            milestone=ThankYouNote.Milestone.PLACEMENT_COMPLETED,
            milestone_on=placement.end_date,
            placement=placement,
        )
        link = thanks.thanks_invite(note=note, student=placement.student, by=demo.coordinator)
        thanks.thanks_submit(note=note, link=link, body=body)
        if approve:
            thanks.thanks_approve(note=note, by=demo.coordinator)
