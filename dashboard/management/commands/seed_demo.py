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
from demo.data.accounts import DEFAULT_PASSWORD, DEMO_USERS
from demo.data.communications import LOG_ENTRIES, PARTNER_SURVEYS, STORIES, SURVEY_TERM, THANK_YOU_NOTES
from demo.data.partnerships import (
    AREA_CODE,
    BUSINESSES,
    DISTRICT,
    DISTRICT_DOMAIN,
    PARTNERSHIPS,
    PROGRAMS,
    SCHOOL_STAFF,
    SCHOOLS,
    TOWN,
)
from demo.data.safety import (
    CHECK_INS,
    CHECK_PROVIDER,
    CHECKS,
    CONCERNS,
    GRADING_PERIODS,
    PAUSED_ON,
    PROTOCOLS,
    SITE_VISITS,
)
from demo.data.students import (
    DISTRICT_ID_PREFIX,
    GUARDIAN_MAIL_DOMAINS,
    HOURS_WEEKS,
    MENTOR_COMMENTS,
    OVERALL_COMMENTS,
    PLACEMENTS,
    STUDENT_COMMENTS,
    STUDENTS,
    UNVERIFIED_DAYS,
)
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

WEEKDAYS = {"Mon": 0, "Tue": 1, "Wed": 2, "Thu": 3, "Fri": 4, "Sat": 5, "Sun": 6}


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
