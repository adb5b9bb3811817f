"""The district's directory: the district and its schools, the businesses and their people, the
coordinators, the partnerships with their points of contact, charters and commitments, and a few
portal memberships."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.contrib.auth.models import Group

from accounts import roles
from demo.district import names
from demo.district.common import DISTRICT_NAME, Build, bulk
from partnerships.models import (
    Charter,
    Commitment,
    CommitmentDelivery,
    Contact,
    Organization,
    PartnerMembership,
    Partnership,
    PointOfContact,
    Side,
)

Status = Partnership.Status
# How a district's partnerships stand: most running, some starting, some over.
STATUSES = [(Status.ACTIVE, 60), (Status.PAUSED, 6), (Status.ONBOARDING, 10), (Status.PROSPECT, 10), (Status.ENDED, 14)]


def slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def build_organizations(build: Build) -> None:
    rng = build.rng
    district = bulk(Organization, [Organization(name=DISTRICT_NAME, kind=Organization.Kind.DISTRICT, city="Riverbend")])
    schools = bulk(
        Organization,
        [
            Organization(name=name, kind=Organization.Kind.SCHOOL, parent=district[0], city="Riverbend", state="OR")
            for name in names.schools(rng, build.size("schools", minimum=2))
        ],
    )
    businesses = bulk(
        Organization,
        [
            Organization(
                name=name,
                kind=Organization.Kind.BUSINESS,
                sector=sector,
                size=rng.choice(Organization.Size.values),
                city="Riverbend",
                state="OR",
                website=f"https://{slug(name)}.example.com",
                public_recognition=build.chance(0.4),
            )
            for name, sector in names.businesses(rng, build.size("businesses", minimum=4))
        ],
    )
    build.made.update(district=district[0], schools=schools, businesses=businesses)
    build.count("organizations", district + schools + businesses)


def build_people(build: Build, *, password: str | None) -> None:
    """Coordinators (users in the coordinator group; only the first may sign in, and only with `password`),
    three to six people at each business and four at each school."""
    rng = build.rng
    User = get_user_model()
    coordinators = bulk(
        User,
        [
            User(
                email=f"coordinator{n + 1}@district.schoolbridge.test",
                first_name=first,
                last_name=last,
                password=make_password(password) if password and n == 0 else UNUSABLE_PASSWORD_PREFIX + "district-seed",
            )
            for n, (first, last) in enumerate(names.person(rng) for _ in range(build.size("coordinators", 2)))
        ],
    )
    roles.sync_coordinator_group()
    group = Group.objects.get(name=roles.COORDINATOR_GROUP)
    group.user_set.add(*coordinators)
    contacts: dict[int, list[Contact]] = {}
    rows = []
    for organization in build.made["businesses"] + build.made["schools"]:
        school = organization.kind == Organization.Kind.SCHOOL
        for n in range(4 if school else rng.randint(3, 6)):
            first, last = names.person(rng)
            rows.append(
                Contact(
                    organization=organization,
                    first_name=first,
                    last_name=last,
                    title=rng.choice(names.SCHOOL_TITLES if school else names.TITLES),
                    email=f"{slug(first)}.{slug(last)}{n}@{slug(organization.name)[:30]}.example.com",
                    phone=f"(541) 555-{rng.randint(1000, 9999)}",
                    active=n < 3 or build.chance(0.8),
                )
            )
    for contact in bulk(Contact, rows):
        contacts.setdefault(contact.organization_id, []).append(contact)
    build.made.update(coordinators=coordinators, contacts=contacts)
    build.count("users", coordinators)
    build.count("contacts", rows)


def _status(build: Build) -> str:
    return build.rng.choices([s for s, _ in STATUSES], weights=[w for _, w in STATUSES])[0]


def build_partnerships(build: Build) -> None:
    """About 2,500 at scale 1: most businesses with one school, a quarter with two."""
    rng = build.rng
    schools = build.made["schools"]
    rows = []
    for business in build.made["businesses"]:
        for school in rng.sample(schools, 2 if build.chance(0.25) else 1):
            status = _status(build)
            start = None if status in (Status.PROSPECT, Status.ONBOARDING) else build.day(-rng.randint(60, 1500))
            end = build.day(-rng.randint(1, 50)) if status == Status.ENDED else None
            if start and end and end < start:
                start = end
            rows.append(
                Partnership(
                    name=f"{school.name} × {business.name}",
                    school=school,
                    business=business,
                    status=status,
                    start_date=start,
                    end_date=end,
                    created_by=rng.choice(build.made["coordinators"]),
                )
            )
    partnerships = bulk(Partnership, rows)
    build.made["partnerships"] = partnerships
    build.count("partnerships", partnerships)


def build_points_of_contact(build: Build) -> None:
    """A current primary on both sides of every engaged partnership (the gate asks for both), a backup at
    some, and former ones for ended partnerships. Most businesses keep one person for all their schools."""
    rng = build.rng
    contacts = build.made["contacts"]
    rows = []
    for partnership in build.made["partnerships"]:
        engaged = partnership.status in Partnership.ENGAGED_STATUSES
        ended = partnership.status == Status.ENDED
        if not (engaged or ended or build.chance(0.3)):
            continue
        start = partnership.start_date or build.day(-rng.randint(5, 60))
        for side, organization in ((Side.SCHOOL, partnership.school_id), (Side.BUSINESS, partnership.business_id)):
            people = [c for c in contacts[organization] if c.active]
            end = partnership.end_date if ended else None
            rows.append(
                PointOfContact(
                    partnership=partnership,
                    side=side,
                    contact=people[0],
                    role="primary",
                    start_date=start,
                    end_date=end,
                )
            )
            if engaged and len(people) > 1 and build.chance(0.3):
                rows.append(
                    PointOfContact(
                        partnership=partnership, side=side, contact=people[1], role="backup", start_date=start
                    )
                )
    bulk(PointOfContact, rows)
    build.count("points of contact", rows)


def build_charters(build: Build) -> None:
    """Version 1 for every engaged or ended partnership, acknowledged for most running ones; a second
    version at some, waiting for the business's acknowledgment."""
    rng = build.rng
    coordinators = build.made["coordinators"]
    rows = []
    for partnership in build.made["partnerships"]:
        if partnership.status == Status.PROSPECT:
            continue
        when = build.moment(-rng.randint(10, 400))
        running = partnership.status in Partnership.ONGOING_STATUSES
        acked = running and build.chance(0.85)
        by = rng.choice(coordinators)
        rows.append(
            Charter(
                partnership=partnership,
                version=1,
                vision=f"Students at {partnership.school.name} learn what work at {partnership.business.name} is like.",
                hopes="Paid internships for seniors; a project each term.",
                created_by=by,
                created_at=when,
                acknowledged_by=by if acked else None,
                acknowledged_at=when if acked else None,
            )
        )
        if acked and build.chance(0.1):
            rows.append(
                Charter(
                    partnership=partnership,
                    version=2,
                    vision="The same vision, with a summer program added.",
                    change_note="Summer program",
                    created_by=by,
                    created_at=build.moment(-rng.randint(1, 9)),
                )
            )
    bulk(Charter, rows)
    build.count("charters", rows)


def build_commitments(build: Build) -> None:
    rng = build.rng
    coordinators = build.made["coordinators"]
    commitments = []
    for partnership in build.made["partnerships"]:
        if partnership.status not in Partnership.ENGAGED_STATUSES:
            continue
        for _ in range(rng.randint(1, 3)):
            start = build.day(-rng.randint(30, 200))
            commitments.append(
                Commitment(
                    partnership=partnership,
                    party=rng.choice([Side.BUSINESS, Side.BUSINESS, Side.SCHOOL]),
                    kind=rng.choice(Commitment.Kind.values),
                    description=rng.choice(["Mentor hours", "Job shadow days", "Laptops", "Site tours", "Scholarship"]),
                    amount=Decimal(rng.choice([4, 10, 20, 40, 500])),
                    unit=rng.choice(["hours", "days", "students", "dollars"]),
                    cadence=rng.choice(Commitment.Cadence.values),
                    period_start=start,
                    period_end=start + (build.day(180) - build.today),
                    status=rng.choice([Commitment.Status.IN_PROGRESS] * 3 + [Commitment.Status.PLANNED]),
                )
            )
    commitments = bulk(Commitment, commitments)
    deliveries = [
        CommitmentDelivery(
            commitment=commitment,
            date=build.day(-rng.randint(1, 29)),
            amount=commitment.amount / 4,
            note="Delivered as planned",
            recorded_by=rng.choice(coordinators),
        )
        for commitment in commitments
        if commitment.status == Commitment.Status.IN_PROGRESS
        for _ in range(rng.randint(1, 3))
    ]
    bulk(CommitmentDelivery, deliveries)
    build.count("commitments", commitments)
    build.count("commitment deliveries", deliveries)


def build_memberships(build: Build) -> None:
    """A few portal users: an administrator at each of the first businesses with a running partnership,
    linked to its first contact. They cannot sign in (no password) until invited."""
    User = get_user_model()
    running = {p.business_id for p in build.made["partnerships"] if p.status in Partnership.ONGOING_STATUSES}
    businesses = [b for b in build.made["businesses"] if b.pk in running][: max(2, round(20 * build.scale))]
    users = bulk(
        User,
        [
            User(
                email=f"partner{n + 1}@district.schoolbridge.test",
                first_name="Partner",
                last_name=str(n + 1),
                password=UNUSABLE_PASSWORD_PREFIX + "district-seed",
            )
            for n in range(len(businesses))
        ],
    )
    memberships = [
        PartnerMembership(user=user, organization=business, role=PartnerMembership.Role.ADMIN)
        for user, business in zip(users, businesses, strict=True)
    ]
    bulk(PartnerMembership, memberships)
    linked = []
    for user, business in zip(users, businesses, strict=True):
        contact = build.made["contacts"][business.pk][0]
        contact.user = user
        linked.append(contact)
    Contact.objects.bulk_update(linked, ["user"])
    build.count("users", users)
    build.count("portal memberships", memberships)
