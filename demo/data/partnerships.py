"""The demo district's organizations, their people, and its partnerships with local businesses.

Dates are whole days relative to today (negative: in the past), so the demo never looks stale. People
are named by full name; the seeders turn names into rows.
"""

from demo.data import Spec
from partnerships.models import Commitment, Goal, Organization

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

# The two schools' names, short, as the rest of the demo data names them.
RHS, LINCOLN = "Riverside High School", "Lincoln Middle School"

# Staff on the school side: (organization, first name, last name, job title, last two digits of the phone).
SCHOOL_STAFF = [
    (DISTRICT, "Dana", "Whitfield", "Work-Based Learning Coordinator", "01"),
    (DISTRICT, "Marcus", "Bell", "Director of College and Career Readiness", "02"),
    ("Riverside High School", "Priya", "Natarajan", "CTE Teacher and Internship Liaison", "03"),
    ("Riverside High School", "Tom", "Alvarez", "Assistant Principal", "04"),
    ("Lincoln Middle School", "Grace", "Okafor", "School Counselor", "05"),
]

BUSINESSES: list[Spec] = [
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

# Partnerships, one per stage of the lifecycle (several active). Numbers are days relative to today.
# People are named by full name; `acknowledged_by` names a demo user.
PARTNERSHIPS: list[Spec] = [
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
