"""The candidate's forms: the application form in steps (a draft saves with anything empty: what is
needed to submit is checked at submission, by applications.selectors.application_missing_items) and the
ranked wishes."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from applications.models import Application, HeardFrom, Relocation
from applications.selectors import STATEMENTS, SUBMISSION_ORDER
from applications.services import wishes_count_refusal
from applications.validators import cv_clean
from cohorts.limits import MAX_WISHES
from cohorts.profiles import Profile
from eig.forms import MarkdownTextarea
from eig.multistep import DraftFormMixin, MultiStepForm, Step
from eig.templatetags.eig_tags import file_size

# Fields a submitted application must have: shown without the "(optionnel)" mark.
SUBMISSION_FIELDS = set(SUBMISSION_ORDER)


class DraftStepForm(DraftFormMixin, forms.ModelForm):
    """One step of the application form. Fields needed for submission are drawn as required, but nothing
    is required to save a draft."""

    drawn_required = SUBMISSION_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def service_data(self) -> dict:
        """What application_save writes: every field of the step, files only when a new one is uploaded."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not isinstance(self.fields[name], forms.FileField) or name in self.files
        }


class ProfileStepForm(DraftStepForm):
    profile = forms.ChoiceField(label=_("Profil principal"), choices=Profile.choices, widget=forms.RadioSelect)
    secondary_profiles = forms.MultipleChoiceField(
        label=_("Compétences secondaires"),
        choices=Profile.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les autres métiers du programme dans lesquels vous avez aussi de l'expérience."),
    )

    class Meta:
        model = Application
        fields = ["profile", "secondary_profiles", "skills"]
        widgets = {"skills": MarkdownTextarea(attrs={"rows": 3})}
        help_texts = {"skills": _("Langages, outils, méthodes… Autodidactes et reconversions bienvenus.")}


class ExperienceStepForm(DraftStepForm):
    years_of_experience = forms.IntegerField(
        label=_("Années d'expérience professionnelle"),
        min_value=0,
        max_value=60,
        help_text=_("En années pleines, tous métiers confondus."),
    )

    class Meta:
        model = Application
        fields = ["years_of_experience", "career_path"]
        widgets = {"career_path": MarkdownTextarea(attrs={"rows": 8})}
        help_texts = {"career_path": _("Vos expériences marquantes, vos choix, ce que vous en retenez.")}


class MotivationStepForm(DraftStepForm):
    class Meta:
        model = Application
        fields = ["motivation", "achievements", "links"]
        widgets = {
            "motivation": MarkdownTextarea(attrs={"rows": 8}),
            "achievements": MarkdownTextarea(attrs={"rows": 6}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "motivation": _("Pourquoi ce programme, et ce que l'intérêt général représente pour vous."),
            "achievements": _("Ce que vous avez construit, seul·e ou en équipe, et son effet."),
        }


class AvailabilityStepForm(DraftStepForm):
    relocation = forms.ChoiceField(
        label=_("Prêt·e à déménager ?"),
        choices=Relocation.choices,
        widget=forms.RadioSelect,
        help_text=_("Les défis se déroulent dans toute la France, au sein de l'administration qui les porte."),
    )
    heard_from = forms.ChoiceField(
        label=_("Comment avez-vous connu le programme ?"), choices=HeardFrom.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Application
        fields = ["relocation", "heard_from"]


class PdfInput(forms.FileInput):
    """A DSFR upload field limited to PDF files in the browser (the server checks the content anyway)."""

    group_class = "fr-upload-group"

    def __init__(self, attrs=None):
        super().__init__({"class": "fr-upload", "accept": "application/pdf,.pdf", **(attrs or {})})


class CvFileField(forms.FileField):
    """A CV upload: its cleaned value is the checked and rewritten copy (applications.validators.cv_clean),
    never the file as uploaded; a refusal is shown on the field with its own French message."""

    def to_python(self, data):
        uploaded = super().to_python(data)
        return None if uploaded is None else cv_clean(uploaded)


class CvStepForm(DraftStepForm):
    class Meta:
        model = Application
        fields = ["cv", "anonymised_cv"]
        widgets = {"cv": PdfInput, "anonymised_cv": PdfInput}
        field_classes = {"cv": CvFileField, "anonymised_cv": CvFileField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = _("Au format PDF, %(size)s au plus.") % {"size": file_size(settings.CV_MAX_SIZE)}
        rules = _(
            "Sans script ni fichier joint. Les métadonnées du document (auteur, titre, logiciel…) sont retirées "
            "de la copie enregistrée."
        )
        for field in self.fields.values():
            field.help_text = f"{limit} {rules} {field.help_text}".strip()
        self.helper.layout = Layout(*(Field(name, wrapper_class="fr-mb-4w") for name in self.fields))


class StatementsStepForm(DraftStepForm):
    class Meta:
        model = Application
        fields = STATEMENTS


APPLICATION_FORM = MultiStepForm(
    namespace="applications",
    steps=(
        Step(1, _("Profil"), ProfileStepForm),
        Step(2, _("Expérience"), ExperienceStepForm),
        Step(3, _("Motivation"), MotivationStepForm),
        Step(4, _("Disponibilité"), AvailabilityStepForm),
        Step(5, _("CV"), CvStepForm),
        Step(6, _("Attestations"), StatementsStepForm),
    ),
    heading_template="applications/candidate/_step_heading.html",
    invalid_message=_("Corrigez les champs signalés ci-dessous : rien n'a été enregistré à cette étape."),
    previous_saves=False,
    nav_label=_("Étapes du formulaire de candidature"),
    missing_link=_("Compléter l'étape %(number)s"),
)
STEPS = APPLICATION_FORM.steps
# The long texts, typed in Markdown (rendered wherever they are shown).
MARKDOWN_FIELDS = APPLICATION_FORM.markdown_fields
# The step that holds each field, to link what is missing to where it is filled in.
STEP_OF_FIELD = {name: step.number for step in STEPS for name in step.fields}


class WishesForm(DraftFormMixin, forms.Form):
    """A rank (1 to 5, or none) for each challenge open to the candidate's profile. The form only turns the
    ranks into an order; applications.services.wishes_save decides whether the order is acceptable."""

    def __init__(self, *args, challenges, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenges = list(challenges)
        choices = [("", _("Non classé")), *((str(rank), str(rank)) for rank in range(1, MAX_WISHES + 1))]
        for challenge in self.challenges:
            # The table's "Rang" column labels the selects on screen; screen readers hear the challenge too.
            label = format_html(
                '<span class="fr-sr-only">{}</span>', _("Rang du défi « %(name)s »") % {"name": challenge.name}
            )
            self.fields[self.field_name(challenge)] = forms.ChoiceField(
                label=label, choices=choices, widget=forms.Select(attrs={"data-wish-rank": ""})
            )

    @staticmethod
    def field_name(challenge) -> str:
        return f"rank_{challenge.pk}"

    def rows(self) -> list[dict]:
        return [{"challenge": challenge, "field": self[self.field_name(challenge)]} for challenge in self.challenges]

    def clean(self):
        """Every posted (rank, challenge) pair, ranked challenges in rank order. A challenge posted twice keeps
        both ranks, so that the service refuses the duplicate rather than the form silently picking one."""
        cleaned = super().clean()
        if self.errors:
            return cleaned
        valid_ranks = {str(rank) for rank in range(1, MAX_WISHES + 1)}
        ranked = []
        for challenge in self.challenges:
            for value in self.data.getlist(self.add_prefix(self.field_name(challenge))):
                if value and value not in valid_ranks:
                    raise forms.ValidationError(
                        _("Le rang d'un vœu est compris entre 1 et %(max)s.") % {"max": MAX_WISHES}
                    )
                if value:
                    ranked.append((int(value), challenge.pk))
        if len(ranked) > MAX_WISHES:
            raise forms.ValidationError(wishes_count_refusal(len(ranked)))
        ranks = [rank for rank, _pk in ranked]
        if len(ranks) != len(set(ranks)):
            raise forms.ValidationError(_("Deux vœux ne peuvent pas avoir le même rang."))
        cleaned["challenge_ids"] = [pk for _rank, pk in sorted(ranked)]
        return cleaned


class HoldForm(forms.Form):
    """Staff hold a file (litigation): the reason is required (the staff's retention page)."""

    reason = forms.CharField(label=_("Motif de la conservation"), max_length=2000, strip=True)
