"""Forms for the coordinator UI. They validate input; the rules themselves live in services."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from core.choosers import model_choice
from core.concurrency import VersionedForm
from core.suggest import SuggestChoiceField
from partnerships.choosers import BUSINESSES
from partnerships.models import (
    Commitment,
    Contact,
    Goal,
    Organization,
    Partnership,
    PartnershipRole,
    PointOfContact,
    Program,
    Side,
)
from partnerships.services import ORGANIZATION_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OrganizationForm(VersionedForm, forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", help_text="e.g. acme-robotics.com")

    class Meta:
        model = Organization
        fields = list(ORGANIZATION_FIELDS)  # what partnerships.services.organization_update may change
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "parent").queryset = Organization.objects.filter(kind=Organization.Kind.DISTRICT)
        self.fields["parent"].label = "District"

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Organization.Kind.BUSINESS and not data.get("sector"):
            self.add_error("sector", "Choose the sector the business works in.")
        if kind != Organization.Kind.SCHOOL and data.get("parent"):
            self.add_error("parent", "Only a school belongs to a district.")
        return data


class ContactForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["first_name", "last_name", "title", "email", "phone"]


class PartnershipForm(VersionedForm, forms.ModelForm):
    business = SuggestChoiceField(BUSINESSES)

    class Meta:
        model = Partnership
        fields = ["school", "business", "name", "programs", "start_date", "end_date", "notes"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "programs": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"school": "School or district"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "school").queryset = Organization.objects.schools()
        model_choice(self, "business").queryset = Organization.objects.businesses()
        model_choice(self, "programs").queryset = Program.objects.all()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date comes before the start date.")
        return data


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the partnership's history.",
    )


class CharterForm(VersionedForm, forms.Form):
    vision = forms.CharField(
        label="Vision statement",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In a few sentences: what both sides want this partnership to achieve.",
    )
    hopes = forms.CharField(label="What we hope for", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    direction = forms.CharField(
        label="Intended direction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where the partnership is headed over the next year or two.",
    )
    change_note = forms.CharField(
        label="What changed in this version",
        required=False,
        max_length=300,
    )


class PriorityForm(forms.Form):
    district_goal = forms.CharField(label="District goal", max_length=300)
    company_goal = forms.CharField(label="Company goal", max_length=300)
    tags = forms.CharField(label="Tags", max_length=200, required=False, help_text="Comma-separated.")


class BasePriorityFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            if form.cleaned_data and not form.cleaned_data.get("DELETE"):
                missing = [f for f in ("district_goal", "company_goal") if not form.cleaned_data.get(f)]
                for name in missing:
                    form.add_error(name, "Fill in both goals of a priority, or leave the row empty.")

    def priorities(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


PriorityFormSet = forms.formset_factory(PriorityForm, formset=BasePriorityFormSet, extra=2, can_delete=True)


class GoalForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["owner", "description", "measure", "target", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CommitmentForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["party", "kind", "description", "amount", "unit", "cadence", "period_start", "period_end", "status"]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The period ends before it starts.")
        amount = data.get("amount")
        if amount is not None and amount <= 0:
            self.add_error("amount", "Enter an amount greater than zero.")
        return data


class DeliveryForm(forms.Form):
    amount = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0.01)
    date = forms.DateField(widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(max_length=300, required=False)


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = f"{obj.full_name} — {obj.organization.name}"
        return f"{label} ({obj.title})" if obj.title else label


class PointOfContactForm(forms.Form):
    side = forms.ChoiceField(choices=Side.choices)
    contact = ContactChoiceField(
        queryset=Contact.objects.none(), help_text="People at the school, the district or the business."
    )
    role = forms.ChoiceField(choices=PointOfContact.Role.choices)
    start_date = forms.DateField(widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        model_choice(self, "contact").queryset = _people_of(partnership)


def _people_of(partnership: Partnership):
    both = Contact.objects.on_side(partnership, "school") | Contact.objects.on_side(partnership, "business")
    return both.active().select_related("organization").order_by("organization__name", "last_name", "first_name")


class HandoffForm(forms.Form):
    successor = ContactChoiceField(queryset=Contact.objects.none(), help_text="Who takes over from today.")
    date = forms.DateField(widget=DateInput(), initial=timezone.localdate)
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the successor should know. Open goals and commitments are attached for you.",
    )

    def __init__(self, *args, poc: PointOfContact, **kwargs):
        super().__init__(*args, **kwargs)
        people = Contact.objects.on_side(poc.partnership, poc.side).active().exclude(pk=poc.contact_id)
        model_choice(self, "successor").queryset = people.select_related("organization")


class ContactDeactivateForm(forms.Form):
    """One successor field per primary post the contact holds in a live partnership."""

    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Handoff notes")

    def __init__(self, *args, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.posts = list(posts)
        for poc in self.posts:
            people = Contact.objects.on_side(poc.partnership, poc.side).active().exclude(pk=poc.contact_id)
            self.fields[f"successor_{poc.pk}"] = ContactChoiceField(
                queryset=people.select_related("organization"),
                label=f"Successor as primary contact of {poc.partnership.name}",
            )

    def successors(self) -> dict[int, Contact]:
        return {poc.pk: self.cleaned_data[f"successor_{poc.pk}"] for poc in self.posts}


class PartnershipRoleForm(VersionedForm, forms.ModelForm):
    contact = ContactChoiceField(queryset=Contact.objects.none(), label="Person")

    class Meta:
        model = PartnershipRole
        fields = ["contact", "title", "responsibilities", "hours_per_month"]
        widgets = {"responsibilities": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"title": "e.g. Executive sponsor, Mentor lead, School liaison."}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        model_choice(self, "contact").queryset = _people_of(partnership)
        self.fields["title"].widget.attrs["list"] = "role-titles"

    def clean(self):
        data = super().clean()
        contact, title = data.get("contact"), data.get("title")
        if contact and title:
            clash = PartnershipRole.objects.filter(partnership=self.partnership, contact=contact, title__iexact=title)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("title", f"{contact} already holds this role here.")
        return data
