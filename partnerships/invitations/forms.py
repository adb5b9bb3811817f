"""The invitation form (staff and portal alike) and the form that accepts one. They check what was typed;
the rules are in partnerships.invitations.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from accounts.models import SignedLink, User
from core.choosers import model_choice
from core.pages import add_service_errors
from partnerships.invitations import services
from partnerships.models import Contact, MembershipRole, Organization

ROLE_CHOICES = [
    (MembershipRole.MENTOR.value, "Mentor: sees the placements they mentor, and does what those need"),
    (
        MembershipRole.ADMIN.value,
        "Partner administrator: everything of the business in the portal, and who else uses it",
    ),
]


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.email})" if obj.email else obj.full_name


class InvitationForm(forms.Form):
    contact = ContactChoiceField(
        queryset=Contact.objects.none(),
        required=False,
        label="Someone on record",
        empty_label="Someone else (type the email)",
        help_text="Choose one of the business's people, or type an email address below.",
    )
    email = forms.EmailField(
        required=False,
        label="Email address",
        help_text="The invitation goes here. Leave it empty to use the chosen person's address.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(choices=ROLE_CHOICES, initial=MembershipRole.MENTOR, widget=forms.RadioSelect)

    def __init__(self, *args: Any, contacts: QuerySet[Contact], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "contact").queryset = contacts
        if not contacts.exists():
            del self.fields["contact"]
            self.fields["email"].required = True
            self.fields["email"].help_text = "The invitation goes here."

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        contact = cleaned.get("contact")
        if not cleaned.get("email") and "email" not in self.errors:
            if contact is not None and contact.email:
                cleaned["email"] = contact.email
            elif contact is not None:
                self.add_error("email", f"{contact.full_name} has no email address on record: type one.")
            else:
                self.add_error("email", "Type the email address to send the invitation to, or choose a person.")
        return cleaned

    def send(self, *, organization: Organization, by: User) -> SignedLink | None:
        """Send the invitation (a valid form's); the link, or None with the service's refusal on the form."""
        try:
            return services.invitation_create(
                organization=organization,
                email=self.cleaned_data["email"],
                role=self.cleaned_data["role"],
                contact=self.cleaned_data.get("contact"),
                by=by,
            )
        except ValidationError as error:
            add_service_errors(self, error)
            return None

    @staticmethod
    def sent_message(link: SignedLink) -> str:
        return f"Invitation sent to {link.recipient_email}. The link works for 7 days, once."


class AcceptForm(forms.Form):
    """Name and password for a new account. Django's password rules are checked by the service."""

    first_name = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    password = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not a common password, not only digits, and not like your name or email.",
    )
    password_again = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password"), cleaned.get("password_again")
        if first and second and first != second:
            self.add_error("password_again", "The two passwords are not the same.")
        return cleaned
