"""Forms of the agents' journey: attaching to an administration, creating a challenge, the steps
of the challenge form, inviting a co-owner, withdrawing.

The challenge form is saved as a draft at every step: a field needed at submission keeps
`required` (so that its label is not marked "optional") but may be left empty when saving; what is
missing is checked at submission (challenges.selectors.challenge_missing_items).
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from challenges.models import Administration, Challenge, ContactKind, DataAccess, DerogationStatus
from challenges.selectors import REQUIRED_FIELDS, too_many_positions_message, too_many_team_members_message
from challenges.services import derogation_reason_missing_message
from cohorts.limits import MAX_TEAM_MEMBERS, PROGRAMME_MAX_POSITIONS
from cohorts.profiles import Profile
from eig.cities import city_without_cedex
from eig.forms import MarkdownTextarea
from eig.multistep import DraftFormMixin, MultiStepForm, Step

# --- Administrations -----------------------------------------------------------------------------


class AdministrationJoinForm(forms.Form):
    administration = forms.ModelChoiceField(
        label=_("Votre administration"),
        queryset=Administration.objects.none(),
        empty_label=_("Sélectionner une administration"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["administration"].queryset = Administration.objects.filter(is_confirmed=True).exclude(agents=user)


class MembershipDecisionForm(forms.Form):
    """An approved member's answer to a request to join their administration (the button pressed)."""

    APPROVE, DECLINE = "approve", "decline"
    decision = forms.ChoiceField(choices=[(APPROVE, _("Accepter")), (DECLINE, _("Refuser"))])

    @property
    def approved(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE


class AdministrationProposeForm(forms.ModelForm):
    class Meta:
        model = Administration
        fields = ["name", "acronym", "parent_ministry", "website"]


# --- Creating a challenge ------------------------------------------------------------------------


class ChallengeCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du défi"),
        max_length=Challenge._meta.get_field("name").max_length,
        help_text=_("Un nom court et parlant ; vous pourrez le modifier ensuite."),
    )
    administration = forms.ModelChoiceField(
        label=_("Administration qui porte le défi"),
        queryset=Administration.objects.none(),
        empty_label=_("Sélectionner une administration"),
    )

    def __init__(self, *args, administrations, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.fields["administration"].queryset = administrations

    def clean_name(self):
        name = self.cleaned_data["name"]
        try:
            Challenge(cohort=self.cohort, name=name).validate_constraints()
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return name


# --- The steps of the challenge form --------------------------------------------------------------


class ChallengeFieldsForm(DraftFormMixin, forms.ModelForm):
    """The challenge's own fields of one step. Never saved by itself: the service applies the values."""

    always_required = ("name",)
    drawn_required = frozenset(REQUIRED_FIELDS)


class ProblemForm(ChallengeFieldsForm):
    class Meta:
        model = Challenge
        fields = ["name", "summary", "context"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2}), "context": MarkdownTextarea(attrs={"rows": 8})}


class SolutionForm(ChallengeFieldsForm):
    class Meta:
        model = Challenge
        fields = ["solution", "benefits", "existing_solutions", "obstacles"]
        widgets = {name: MarkdownTextarea(attrs={"rows": 6}) for name in fields}


class DataForm(ChallengeFieldsForm):
    class Meta:
        model = Challenge
        fields = ["data_needed", "data_access", "legal_ethical_issues", "openness"]
        widgets = {
            name: MarkdownTextarea(attrs={"rows": 6}) for name in ["data_needed", "legal_ethical_issues", "openness"]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_access"].choices = [("", _("Sélectionner une réponse")), *DataAccess.choices]


class PlaceForm(ChallengeFieldsForm):
    class Meta:
        model = Challenge
        fields = ["work_address", "work_postcode", "work_city"]

    def clean_work_city(self):
        # « Vincennes Cedex » is a postal routing, not a commune: the catalogue lists the city once.
        return city_without_cedex(self.cleaned_data["work_city"])


class RowForm(DraftFormMixin, forms.Form):
    """One row of a list (a position, a team member, a contact): an empty row is left out; a row
    begun needs `needed` to be saved."""

    needed: tuple[str, ...] = ()
    needed_message = _("Ce champ est nécessaire pour enregistrer cette ligne (ou videz-la entièrement).")

    def is_filled(self) -> bool:
        return any(value not in (None, "") for value in self.cleaned_data.values())

    def clean(self):
        cleaned_data = super().clean()
        if self.is_filled():
            for name in self.needed:
                if cleaned_data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, self.needed_message)
        return cleaned_data

    def row(self) -> dict | None:
        """The row's values, or None for an empty row."""
        return dict(self.cleaned_data) if self.is_filled() else None


class PositionForm(RowForm):
    profile = forms.ChoiceField(
        label=_("Profil recherché"), choices=[("", _("Sélectionner un profil")), *Profile.choices]
    )
    mission = forms.CharField(
        label=_("Mission"),
        widget=MarkdownTextarea(attrs={"rows": 4}),
        help_text=_("Ce que cette personne fera pendant les dix mois."),
    )
    needed = ("profile",)
    needed_message = _("Choisissez le profil de ce poste (ou videz sa mission).")


class TeamMemberForm(RowForm):
    name = forms.CharField(label=_("Prénom et nom"), max_length=200)
    role = forms.CharField(label=_("Rôle dans le projet"), max_length=200)
    time_share = forms.IntegerField(label=_("Part de son temps (%)"), min_value=1, max_value=100)
    needed = ("name", "role", "time_share")
    needed_message = _("Indiquez le nom, le rôle et la part du temps de cette personne (ou videz la ligne).")


class RowFormSet(forms.BaseFormSet):
    """Rows of a list, at most `max_num` of them (the limit the service enforces too)."""

    def rows(self) -> list[dict]:
        return [row for row in (form.row() for form in self.forms) if row is not None]

    def too_many_message(self) -> str:
        raise NotImplementedError

    def clean(self):
        if any(self.errors):
            return
        if len(self.rows()) > self.max_num:
            raise ValidationError(self.too_many_message())


class PositionRowFormSet(RowFormSet):
    def too_many_message(self) -> str:
        return too_many_positions_message(self.max_num)


class TeamMemberRowFormSet(RowFormSet):
    def too_many_message(self) -> str:
        return too_many_team_members_message()


def position_formset(challenge: Challenge) -> type[PositionRowFormSet]:
    """As many position rows as the challenge is allowed (the usual maximum, or the derogation's number):
    no JavaScript needed to add one. Never more than the programme's bound is read from a request."""
    rows = challenge.positions_rows
    return forms.formset_factory(
        PositionForm, formset=PositionRowFormSet, extra=rows, max_num=rows, absolute_max=PROGRAMME_MAX_POSITIONS
    )


# Two empty rows for the team: no JavaScript needed to add one.
TeamMemberFormSet = forms.formset_factory(
    TeamMemberForm,
    formset=TeamMemberRowFormSet,
    extra=2,
    max_num=MAX_TEAM_MEMBERS,
    absolute_max=MAX_TEAM_MEMBERS + 10,
)


class DerogationForm(forms.Form):
    """A derogation to the cohort's usual number of positions: the number asked and why (staff decide)."""

    use_required_attribute = False

    positions = forms.TypedChoiceField(
        label=_("Nombre de postes demandé par dérogation"), coerce=int, empty_value=None, required=False
    )
    reason = forms.CharField(
        label=_("Motif de la demande"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pourquoi ce défi a-t-il besoin de ce nombre de postes ? L'équipe du programme en décidera."),
    )

    # The colour of the alert that says where the request stands.
    STATUS_ALERT_TYPES = {DerogationStatus.REQUESTED: "info", DerogationStatus.GRANTED: "success"}

    def __init__(self, *args, challenge: Challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.status_alert_type = self.STATUS_ALERT_TYPES.get(challenge.derogation_status, "warning")
        self.fields["positions"].choices = [
            ("", _("Pas de dérogation (%(range)s)") % {"range": challenge.usual_positions.text}),
            *((count, str(count)) for count in challenge.derogation_choices),
        ]

    def clean(self):
        cleaned_data = super().clean()
        positions = cleaned_data.get("positions")
        if positions is not None and not cleaned_data.get("reason", "").strip():
            self.add_error("reason", derogation_reason_missing_message(positions))
        return cleaned_data

    def request(self) -> dict:
        """What challenges.services.challenge_save_step takes as `derogation`."""
        return {"positions": self.cleaned_data["positions"], "reason": self.cleaned_data["reason"]}


class ContactForm(RowForm):
    name = forms.CharField(label=_("Prénom et nom"), max_length=200)
    job_title = forms.CharField(label=_("Fonction"), max_length=200, required=False)
    email = forms.EmailField(label=_("Adresse e-mail"))
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    needed = ("name", "email")
    needed_message = _("Indiquez au moins le nom et l'adresse e-mail de ce contact (ou videz ses champs).")


@dataclass(frozen=True)
class ContactSlot:
    prefix: str
    kind: ContactKind
    legend: str
    optional: bool = False


# One form per contact: the sponsor, HR and finance are one each (a database constraint), project leads one or two.
CONTACT_SLOTS = [
    ContactSlot(
        "sponsor",
        ContactKind.SPONSOR,
        _("Sponsor (mentor·e senior)"),
    ),
    ContactSlot("project_lead_1", ContactKind.PROJECT_LEAD, _("Porteur·se de projet (mentor·e opérationnel·le)")),
    ContactSlot(
        "project_lead_2", ContactKind.PROJECT_LEAD, _("Second·e porteur·se de projet (facultatif)"), optional=True
    ),
    ContactSlot("hr", ContactKind.HR, _("Contact ressources humaines")),
    ContactSlot("finance", ContactKind.FINANCE, _("Contact financier")),
]


class ContactForms:
    """The five contact forms of a challenge, valid together."""

    def __init__(self, challenge: Challenge, data=None):
        by_kind: dict[str, list] = {}
        for contact in sorted(challenge.contacts.all(), key=lambda contact: contact.pk):
            by_kind.setdefault(contact.kind, []).append(contact)
        self.slots = []
        for slot in CONTACT_SLOTS:
            contacts = by_kind.get(slot.kind, [])
            contact = contacts.pop(0) if contacts else None
            initial = model_to_dict(contact, fields=["name", "job_title", "email", "phone"]) if contact else None
            self.slots.append((slot, ContactForm(data, initial=initial, prefix=slot.prefix)))

    def __iter__(self):
        return iter(self.slots)

    def is_valid(self) -> bool:
        # Every form is validated (no short-circuit), so that each shows its errors.
        results = [form.is_valid() for _slot, form in self.slots]
        return all(results)

    def rows(self) -> list[dict]:
        return [{**row, "kind": slot.kind} for slot, form in self.slots if (row := form.row()) is not None]


CHALLENGE_FORM = MultiStepForm(
    namespace="challenges",
    steps=(
        Step(1, _("Le défi"), ProblemForm),
        Step(2, _("La solution"), SolutionForm),
        Step(3, _("Données, éthique et ouverture"), DataForm),
        Step(4, _("Les postes"), lists=("positions",)),
        Step(5, _("L'équipe et le lieu"), PlaceForm, lists=("team_members",)),
        Step(6, _("Les contacts"), lists=("contacts",)),
    ),
    heading_template="challenges/agent/_step_heading.html",
    invalid_message=_("Corrigez les champs signalés ci-dessous : rien n'a été perdu."),
)
STEPS = CHALLENGE_FORM.steps
step_for_part = CHALLENGE_FORM.step_for_part


@dataclass(frozen=True)
class Fieldset:
    """A form drawn in its own fieldset (templates/challenges/agent/_fieldsets.html)."""

    id: str
    legend: str
    form: forms.BaseForm


class StepForms:
    """Every form of one step, bound to what the owner typed (or filled from the challenge)."""

    def __init__(self, step: Step, challenge: Challenge, data=None):
        self.fields_form = None
        self.positions = self.team_members = self.contacts = None
        if step.form_class:
            initial = model_to_dict(challenge, fields=step.fields)
            self.fields_form = step.form_class(data, initial=initial)
        self.derogation = None
        if "positions" in step.lists:
            initial = [{"profile": p.profile, "mission": p.mission} for p in challenge.positions.all()]
            self.positions = position_formset(challenge)(data, initial=initial, prefix="positions")
            # Rows past this number are optional (the legend says so).
            self.positions_required = challenge.usual_positions.minimum
            if challenge.has_active_derogation:
                self.positions_required = min(self.positions_required, challenge.derogation_positions)
            if challenge.derogation_choices:
                initial = {"positions": challenge.derogation_positions, "reason": challenge.derogation_reason}
                self.derogation = DerogationForm(data, initial=initial, prefix="derogation", challenge=challenge)
        if "team_members" in step.lists:
            initial = [
                model_to_dict(member, fields=["name", "role", "time_share"]) for member in challenge.team_members.all()
            ]
            self.team_members = TeamMemberFormSet(data, initial=initial, prefix="team")
        if "contacts" in step.lists:
            self.contacts = ContactForms(challenge, data)

    def position_fieldsets(self) -> list[Fieldset]:
        """A fieldset per position row; the rows past those required say they are optional."""
        return [
            Fieldset(
                f"position-legend-{number}",
                (_("Poste %(number)s (facultatif)") if number > self.positions_required else _("Poste %(number)s"))
                % {"number": number},
                form,
            )
            for number, form in enumerate(self.positions, start=1)
        ]

    def team_fieldsets(self) -> list[Fieldset]:
        return [
            Fieldset(f"member-legend-{number}", _("Équipe projet : personne %(number)s") % {"number": number}, form)
            for number, form in enumerate(self.team_members, start=1)
        ]

    def place_fieldsets(self) -> list[Fieldset]:
        """The place's fields, in a fieldset of their own on the step that also lists the team."""
        return [Fieldset("place-legend", _("Le lieu de travail"), self.fields_form)]

    def contact_fieldsets(self) -> list[Fieldset]:
        return [Fieldset(f"contact-legend-{slot.prefix}", slot.legend, form) for slot, form in self.contacts]

    def _all(self) -> list:
        parts = (self.fields_form, self.positions, self.derogation, self.team_members, self.contacts)
        return [part for part in parts if part is not None]

    def is_valid(self) -> bool:
        results = [part.is_valid() for part in self._all()]
        return all(results)

    def service_kwargs(self) -> dict:
        """What challenges.services.challenge_save_step takes (call after is_valid)."""
        kwargs = {}
        if self.fields_form:
            kwargs["fields"] = {name: self.fields_form.cleaned_data[name] for name in self.fields_form._meta.fields}
        if self.positions:
            kwargs["positions"] = self.positions.rows()
        if self.derogation:
            kwargs["derogation"] = self.derogation.request()
        if self.team_members:
            kwargs["team_members"] = self.team_members.rows()
        if self.contacts:
            kwargs["contacts"] = self.contacts.rows()
        return kwargs


# --- Co-owners and withdrawal ----------------------------------------------------------------------


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail de votre collègue"),
        help_text=_("Elle ou il recevra un lien pour rejoindre le défi, avec ou sans compte sur la plateforme."),
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Pourquoi retirez-vous ce défi ?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce message est transmis à l'équipe du programme."),
    )
