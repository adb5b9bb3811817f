"""Coordinator views for students and placements. Guarded by AccessMiddleware like every staff page.

Student data is looked up by id only; names never appear in URLs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import signed_links
from core.history import history
from core.pages import (
    GET_POST,
    add_service_errors,
    confirm_page,
    form_page,
    model_form_page,
    paginate,
    posted,
    service_form_page,
)
from core.refusals import refusal_of
from partnerships.models import Partnership
from students import alignment, readiness, selectors, services
from students.filters import PlacementFilter, StudentFilter
from students.forms import (
    CancelForm,
    EvaluationForm,
    EvaluationLinkForm,
    LearningGoalForm,
    PlacementForm,
    StudentForm,
)
from students.models import Evaluation, HoursEntry, LearningGoal, Placement, Student

Status = Placement.Status


def placement_or_404(pk) -> Placement:
    return get_object_or_404(
        Placement.objects.select_related(
            "student__school", "partnership__business", "partnership__school", "mentor__organization", "supervisor"
        ),
        pk=pk,
    )


def placement_crumbs(placement, *more):
    return [
        ("Placements", reverse("students:placement_list")),
        (placement_title(placement), placement.get_absolute_url()),
        *more,
    ]


def placement_title(placement) -> str:
    return f"{placement.student.full_name} at {placement.partnership.business.name}"


# Students --------------------------------------------------------------------------------------

LATEST_DISCLOSURES = 50  # on the student's page; the CSV export has them all


def student_list(request):
    filterset = StudentFilter(request.GET, queryset=Student.objects.for_list())
    return render(request, "students/student_list.html", {"filter": filterset, "page": paginate(request, filterset.qs)})


@GET_POST
@permission_required("students.add_student", raise_exception=True)
def student_create(request):
    return model_form_page(
        request,
        form=StudentForm(posted(request)),
        saved=lambda student: f"{student.full_name} added.",
        title="New student",
        submit="Add student",
        cancel_url=reverse("students:student_list"),
        breadcrumbs=[("Students", reverse("students:student_list"))],
    )


def student_detail(request, pk):
    student = get_object_or_404(Student.objects.select_related("school"), pk=pk)
    placements = student.placements.for_list().with_hours()
    disclosures = list(student.disclosures.for_list()[: LATEST_DISCLOSURES + 1])  # one more: are there others?
    return render(
        request,
        "students/student_detail.html",
        {
            "student": student,
            "placements": placements,
            "disclosures": disclosures[:LATEST_DISCLOSURES],
            "more_disclosures": len(disclosures) > LATEST_DISCLOSURES,
            "latest_disclosures": LATEST_DISCLOSURES,
            "breadcrumbs": [("Students", reverse("students:student_list"))],
            "title": student.full_name,
            "history": history(student, known=(student.school,)),
        },
    )


@GET_POST
@permission_required("students.change_student", raise_exception=True)
def student_edit(request, pk):
    student = get_object_or_404(Student, pk=pk)
    title = f"Edit {student.full_name}"  # before binding: validation writes typed values onto the instance
    crumbs = [("Students", reverse("students:student_list")), (student.full_name, student.get_absolute_url())]
    return service_form_page(
        request,
        form=StudentForm(posted(request), instance=student),
        record=student,
        fields=services.STUDENT_FIELDS,
        save=lambda **fields: services.student_update(student=student, by=request.user, **fields),
        saved=lambda student: f"{student.full_name} saved.",
        title=title,
        submit="Save changes",
        cancel_url=student.get_absolute_url(),
        breadcrumbs=crumbs,
    )


# Placements ------------------------------------------------------------------------------------


def placement_list(request):
    filterset = PlacementFilter(request.GET, queryset=Placement.objects.for_list())
    return render(
        request, "students/placement_list.html", {"filter": filterset, "page": paginate(request, filterset.qs)}
    )


@GET_POST
@permission_required("students.add_placement", raise_exception=True)
def placement_create(request):
    initial = {key: request.GET.get(key) for key in ("student", "partnership") if request.GET.get(key)}
    form = PlacementForm(posted(request), initial={"supervisor": request.user.pk, **initial})
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Placement proposed. Next: add its learning goals and check what it needs to start."
            )
            return redirect(placement)
    return form_page(
        request,
        title="New placement",
        form=form,
        submit="Propose placement",
        cancel_url=reverse("students:placement_list"),
        breadcrumbs=[("Placements", reverse("students:placement_list"))],
    )


def placement_detail(request, pk):
    placement = placement_or_404(pk)
    gated = (*Placement.PLANNED_STATUSES, Status.PAUSED)  # those that still have to pass it to go on
    items = readiness.checklist(placement) if placement.status in gated else []
    # Shown in full, so its totals are summed here, not queried again.
    hours = list(placement.hours.select_related("recorded_by", "rejected_by"))
    evaluations = selectors.evaluations_with_ratings(placement)
    people = (placement, placement.student, placement.partnership, placement.mentor, placement.supervisor)
    return render(
        request,
        "students/placement_detail.html",
        {
            "placement": placement,
            "title": placement_title(placement),
            "breadcrumbs": [("Placements", reverse("students:placement_list"))],
            "checklist": items,
            "ready": all(item.ok for item in items),
            "learning_goals": selectors.learning_goals_with_serves(placement),
            "evaluations": evaluations,
            "hours": hours,
            "hours_total": sum(entry.hours for entry in hours),
            "hours_verified": sum(entry.hours for entry in hours if entry.is_verified),
            "hours_sent_back": [entry for entry in hours if entry.is_rejected],
            "status_changes": placement.status_changes.select_related("changed_by")[:10],
            # The placement's own changes, and its hours' and evaluations', in one list: the rows the page
            # shows (and the people they name) are named from here, not read again.
            "history": history(
                placement,
                also=(placement.hours.all(), placement.evaluations.all()),
                known=(
                    *people,
                    *hours,
                    *evaluations,
                    *(entry.recorded_by for entry in hours),
                    *(entry.rejected_by for entry in hours),
                ),
            ),
            "link_form": EvaluationLinkForm(),
        },
    )


@GET_POST
@permission_required("students.change_placement", raise_exception=True)
def placement_edit(request, pk):
    placement = placement_or_404(pk)
    title, crumbs = f"Edit {placement_title(placement)}", placement_crumbs(placement)
    return service_form_page(
        request,
        form=PlacementForm(posted(request), instance=placement),
        record=placement,
        fields=(*services.EDITABLE_FIELDS, "other_staff"),
        save=lambda **fields: services.placement_update(placement=placement, by=request.user, **fields),
        saved=lambda placement: "Placement saved.",
        title=title,
        submit="Save changes",
        cancel_url=placement.get_absolute_url(),
        breadcrumbs=crumbs,
    )


PLACEMENT_ACTIONS = {
    Status.PAUSED: ("Pause placement", "The placement is paused: the student does not go until it is started again."),
    Status.APPROVED: (
        "Approve placement",
        "The placement is approved. It still needs everything on its checklist to start.",
    ),
    Status.ACTIVE: (
        "Start placement",
        "The placement starts now. Every item on the readiness checklist is checked again.",
    ),
    Status.COMPLETED: ("Mark as completed", "The placement is complete. Its hours and evaluations stay on record."),
    Status.CANCELLED: ("Cancel placement", "The placement is cancelled. This cannot be undone."),
    Status.PROPOSED: ("Back to proposed", "The placement goes back to proposed."),
}


@GET_POST
@permission_required("students.change_placement", raise_exception=True)
def placement_transition(request, pk, status):
    placement = placement_or_404(pk)
    if status not in PLACEMENT_ACTIONS:
        return redirect(placement)
    submit, message = PLACEMENT_ACTIONS[status]
    form = CancelForm(posted(request)) if status == Status.CANCELLED else None
    errors, refusal = [], None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            services.placement_transition(
                placement=placement,
                to_status=status,
                by=request.user,
                reason=form.cleaned_data["reason"] if form else "",
            )
        except ValidationError as error:
            errors, refusal = error.messages, refusal_of(error)
        else:
            messages.success(request, f"Placement {placement.get_status_display().lower()}.")
            return redirect(placement)
    elif status == Status.ACTIVE and status in placement.allowed_transitions():
        refusal = readiness.refusal_to_start(placement)  # said up front, rather than after the click
    return confirm_page(
        request,
        title=f"{submit}: {placement_title(placement)}",
        message=message,
        submit=submit,
        cancel_url=placement.get_absolute_url(),
        breadcrumbs=placement_crumbs(placement),
        danger=status == Status.CANCELLED,
        form=form,
        errors=errors,
        refusal=refusal,
    )


# Learning goals ---------------------------------------------------------------------------------


@GET_POST
@permission_required("students.add_learninggoal", raise_exception=True)
def learning_goal_create(request, pk):
    return _learning_goal_form(request, placement_or_404(pk))


@GET_POST
@permission_required("students.change_learninggoal", raise_exception=True)
def learning_goal_edit(request, pk, goal_pk):
    placement = placement_or_404(pk)
    return _learning_goal_form(request, placement, get_object_or_404(LearningGoal, placement=placement, pk=goal_pk))


def _learning_goal_form(request, placement, goal=None):
    initial = {}
    if goal:
        initial = {
            "text": goal.text,
            "skill": goal.skill,
            "target_level": goal.target_level,
            "serves": goal.serves.all(),
        }
    form = LearningGoalForm(posted(request), placement=placement, initial=initial, record=goal)
    back = placement.get_absolute_url() + "#learning-goals"
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_goal_save(
                placement=placement, goal=goal, version=form.loaded_version, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Learning goal saved." if goal else "Learning goal added.")
            return redirect(back)
    return form_page(
        request,
        title="Edit learning goal" if goal else "Add a learning goal",
        intro=f"For {placement_title(placement)}. Link it to the goals it serves, for the alignment view.",
        form=form,
        submit="Save changes" if goal else "Add learning goal",
        cancel_url=back,
        breadcrumbs=placement_crumbs(placement),
    )


@GET_POST
@permission_required("students.delete_learninggoal", raise_exception=True)
def learning_goal_delete(request, pk, goal_pk):
    placement = placement_or_404(pk)
    goal = get_object_or_404(LearningGoal, placement=placement, pk=goal_pk)
    back = placement.get_absolute_url() + "#learning-goals"
    if request.method == "POST":
        goal.delete()
        messages.success(request, "Learning goal removed.")
        return redirect(back)
    rated = goal.ratings.count()
    return confirm_page(
        request,
        title="Remove this learning goal?",
        message=f"“{goal.text[:120]}” will be removed"
        + (f", with the {rated} score{'s' if rated != 1 else ''} it received in evaluations." if rated else "."),
        submit="Remove learning goal",
        cancel_url=back,
        breadcrumbs=placement_crumbs(placement),
    )


# Evaluations --------------------------------------------------------------------------------------


@GET_POST
@permission_required("students.add_evaluation", raise_exception=True)
def evaluation_create(request, pk):
    """A coordinator's own evaluation, in the app."""
    placement = placement_or_404(pk)
    form = EvaluationForm(posted(request), goals=placement.learning_goals.all(), with_phase=True)
    back = placement.get_absolute_url() + "#evaluations"
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                placement=placement,
                evaluator=Evaluation.Evaluator.COORDINATOR,
                phase=form.cleaned_data["phase"],
                scores=form.scores(),
                overall_comments=form.cleaned_data["overall_comments"],
                evaluator_name=request.user.display_name,
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Evaluation saved.")
            return redirect(back)
    return render(
        request,
        "students/evaluation_form.html",
        {
            "form": form,
            "placement": placement,
            "title": "Your evaluation",
            "breadcrumbs": placement_crumbs(placement),
            "back": back,
        },
    )


@require_POST
@permission_required("students.add_evaluation", raise_exception=True)
def evaluation_link_create(request, pk):
    placement = placement_or_404(pk)
    form = EvaluationLinkForm(request.POST)
    back = placement.get_absolute_url() + "#evaluations"
    if not form.is_valid():
        messages.error(request, "Choose who evaluates and which evaluation it is.")
        return redirect(back)
    try:
        link = services.evaluation_link_create(placement=placement, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    url = request.build_absolute_uri(signed_links.path_for(link))
    return render(
        request,
        "students/evaluation_link.html",
        {
            "placement": placement,
            "link": link,
            "url": url,
            "title": "Evaluation link",
            "breadcrumbs": placement_crumbs(placement),
        },
    )


# Alignment ----------------------------------------------------------------------------------------


def placement_alignment(request, pk):
    placement = placement_or_404(pk)
    rows, goals = alignment.for_placement(placement)
    return render(
        request,
        "students/alignment_placement.html",
        {
            "placement": placement,
            "rows": rows,
            "goals": goals,
            "title": f"Alignment — {placement_title(placement)}",
            "breadcrumbs": placement_crumbs(placement),
        },
    )


def partnership_alignment(request, pk):
    partnership = get_object_or_404(
        Partnership.objects.visible_to(request.user).select_related("school", "business"), pk=pk
    )
    return render(
        request,
        "students/alignment_partnership.html",
        {
            "partnership": partnership,
            "rows": alignment.for_partnership(partnership),
            "hours_total": HoursEntry.objects.filter(placement__partnership=partnership).total(),
            "hours_verified": HoursEntry.objects.filter(placement__partnership=partnership).verified().total(),
            "placement_count": partnership.placements.not_cancelled().count(),
            "title": f"Alignment — {partnership.name}",
            "breadcrumbs": [
                ("Partnerships", reverse("partnerships:list")),
                (partnership.name, partnership.get_absolute_url()),
            ],
        },
    )
