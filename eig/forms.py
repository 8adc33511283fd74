"""Form rendering shared by every app, and the sign-up form.

Every form field on the site, including allauth's and crispy-forms' ones, is rendered by
django-dsfr's own field templates: the renderer below hands every form django-dsfr's bound field,
which picks the DSFR snippet for the widget. The crispy-forms "dsfr" pack (templates/dsfr/) only
lays fields out and delegates each one to that same snippet.
"""

import copy
from pathlib import Path

import dsfr
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.urls import Resolver404, resolve
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBoundField
from dsfr.utils import dsfr_input_class_attr

from eig.adapters import NEXT_AFTER_LOGIN_SESSION_KEY
from eig.contact import ContactSubject
from eig.models import ROLE_FIELDS, Role, User

# Widgets whose length limit gets a live counter (static/js/length-counter.js): typed text, not
# e-mail addresses, passwords or numbers, whose limit nobody reaches by accident.
COUNTED_WIDGETS = (forms.Textarea, forms.TextInput)


def length_counter_attrs(limit: int) -> dict[str, str]:
    """What static/js/length-counter.js reads on a field limited to `limit` characters: the limit and its
    sentences, in the page's language ({count} is replaced as the person types)."""
    return {
        "data-length-limit": str(limit),
        "data-length-remaining-one": gettext("Il reste {count} caractère sur %(limit)s.") % {"limit": limit},
        "data-length-remaining-many": gettext("Il reste {count} caractères sur %(limit)s.") % {"limit": limit},
        "data-length-over-one": ngettext(
            "{count} caractère de trop : la limite est de %(limit)s caractère.",
            "{count} caractère de trop : la limite est de %(limit)s caractères.",
            limit,
        )
        % {"limit": limit},
        "data-length-over-many": ngettext(
            "{count} caractères de trop : la limite est de %(limit)s caractère.",
            "{count} caractères de trop : la limite est de %(limit)s caractères.",
            limit,
        )
        % {"limit": limit},
    }


class EigBoundField(DsfrBoundField):
    """django-dsfr's bound field, without the browser's `maxlength`: a browser cuts pasted text at that
    length without a word. The limit is checked by the server instead (the form's own max-length
    validation, which keeps the text typed), and announced by a live counter on text fields."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        if "maxlength" in widget.attrs:
            widget = copy.copy(widget)
            widget.attrs = dict(widget.attrs)
            limit = int(widget.attrs.pop("maxlength"))
            if isinstance(widget, COUNTED_WIDGETS) and getattr(widget, "input_type", "text") == "text":
                attrs = {**length_counter_attrs(limit), **(attrs or {})}
        return super().as_widget(widget, attrs, only_initial)


class DsfrFormRenderer(DjangoTemplates):
    bound_field_class = EigBoundField
    form_template_name = "dsfr/form_snippet.html"

    @cached_property
    def engine(self):
        # django-dsfr also overrides some of Django's own form templates (error lists as
        # `fr-error-text`, radio and checkbox options). "django.forms" comes before "dsfr" in
        # INSTALLED_APPS, which would hide them: form templates are looked up in django-dsfr first.
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(dsfr.__file__).resolve().parent / "templates"],
                "NAME": "eig-forms",
                "OPTIONS": {},
            }
        )


class DsfrFormMixin:
    """Adds DSFR classes to widgets (fr-input, fr-select…) when the form is built."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)


class MarkdownTextarea(forms.Textarea):
    """A long text typed in Markdown (eig.markdown renders it): the textarea, then the shared « Mise en
    forme » help (templates/_partials/markdown_help.html), which the textarea is described by."""

    template_name = "widgets/markdown_textarea.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        help_id = f"{widget_attrs.get('id') or name}_markdown"
        widget_attrs["aria-describedby"] = " ".join(filter(None, [widget_attrs.get("aria-describedby"), help_id]))
        context["widget"]["markdown_help_id"] = help_id
        return context


def markdown_fields(form_class) -> list[str]:
    """The fields of a form class typed in Markdown (drawn with MarkdownTextarea), in the form's order."""
    return [name for name, field in form_class.base_fields.items() if isinstance(field.widget, MarkdownTextarea)]


SIGNUP_ROLES = [
    (Role.CANDIDATE.value, _("Je souhaite candidater au programme")),
    (Role.AGENT.value, _("Je représente une administration qui propose un défi")),
]
# Offered (and chosen first) only to someone who came to sign up from an invitation to sit on a jury.
JUROR_SIGNUP_ROLE = (Role.JUROR.value, _("Je suis invité·e à siéger dans un jury d'audition"))
# The page of that invitation (a URL name: the kernel does not import the auditions).
JURY_INVITATION_VIEW = "auditions:invitation_accept"


def comes_from_a_jury_invitation(request) -> bool:
    """Whether the visitor was sent to sign up by a jury invitation's page (remembered in the session)."""
    remembered = request.session.get(NEXT_AFTER_LOGIN_SESSION_KEY) if request is not None else None
    if not remembered:
        return False
    try:
        return resolve(remembered).view_name == JURY_INVITATION_VIEW
    except Resolver404:
        return False


def name_fields() -> dict[str, forms.CharField]:
    """First and last name, as the sign-up and the identity page ask for them (with the browser's
    autocompletion tokens)."""
    return {
        "first_name": forms.CharField(
            label=_("Prénom"),
            max_length=User._meta.get_field("first_name").max_length,
            widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        ),
        "last_name": forms.CharField(
            label=_("Nom"),
            max_length=User._meta.get_field("last_name").max_length,
            widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        ),
    }


class SignupForm(DsfrFormMixin, AllauthSignupForm):
    field_order = ["first_name", "last_name", "email", "password1", "password2", "role"]
    first_name, last_name = name_fields().values()
    role = forms.ChoiceField(
        label=_("Vous êtes"),
        choices=SIGNUP_ROLES,
        initial=Role.CANDIDATE.value,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if comes_from_a_jury_invitation(allauth_context.request):
            self.fields["role"].choices = [JUROR_SIGNUP_ROLE, *SIGNUP_ROLES]
            self.fields["role"].initial = Role.JUROR.value

    def clean(self):
        cleaned_data = super().clean()
        # allauth compares the two passwords only when the first one passes the password rules: a mistyped
        # confirmation would only be reported after the first password is fixed, one more round trip.
        password2 = cleaned_data.get("password2")
        password1 = self.data.get(self.add_prefix("password1"), "")
        if password2 and "password1" not in cleaned_data and password1 != password2:
            self.add_error("password2", _("Vous devez saisir deux fois le même mot de passe."))
        return cleaned_data

    def save(self, request):
        user = super().save(request)
        setattr(user, ROLE_FIELDS[Role(self.cleaned_data["role"])], True)
        user.save(update_fields=[ROLE_FIELDS[Role(self.cleaned_data["role"])]])
        return user


class IdentityForm(DsfrFormMixin, forms.ModelForm):
    """The person's own page: how they are named, their pronouns and the language of their e-mails."""

    first_name, last_name = name_fields().values()

    class Meta:
        model = User
        fields = ["first_name", "last_name", "usual_name", "pronouns", "language"]
        widgets = {
            "pronouns": forms.TextInput(attrs={"autocomplete": "off"}),
        }


# The contact form's limits: what a person writes, not what a robot pastes.
CONTACT_NAME_MAX_LENGTH = 150
CONTACT_MESSAGE_MAX_LENGTH = 5000


class ContactForm(DsfrFormMixin, forms.Form):
    """A message to the programme's team (eig.views.contact). `website` is a honeypot: hidden from people
    (and from assistive technologies) by the page, which draws it apart; robots fill every field."""

    name = forms.CharField(
        label=_("Nom et prénom"),
        max_length=CONTACT_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Courriel"),
        help_text=_("L'équipe vous répond à cette adresse. Format attendu : nom@domaine.fr"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    subject = forms.ChoiceField(label=_("Sujet"), choices=[("", _("Choisissez un sujet")), *ContactSubject.choices])
    message = forms.CharField(
        label=_("Message"),
        max_length=CONTACT_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    website = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False)

    def shown_fields(self) -> list:
        """The fields the page draws with the DSFR's look (the honeypot is drawn apart)."""
        return [self[name] for name in ("name", "email", "subject", "message")]

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class GetFilterForm(forms.Form):
    """A form read from the query string: the values that are valid filter, the others are reported."""

    submit_label = _("Filtrer")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        # An unnamed button: the query string holds the filters only.
        self.helper.add_input(Submit("", self.submit_label, css_id=f"{self.prefix or 'filters'}-submit"))

    def criteria(self) -> dict:
        """The valid values, by field; nothing for a field left empty or invalid."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


# The phrase the person types to confirm the deletion of their account.
ACCOUNT_DELETE_PHRASE = "SUPPRIMER MON COMPTE"


class AccountDeleteForm(DsfrFormMixin, forms.Form):
    confirmation = forms.CharField(
        label=format_lazy(_("Pour confirmer, tapez « {phrase} »"), phrase=ACCOUNT_DELETE_PHRASE),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_confirmation(self):
        typed = " ".join(self.cleaned_data["confirmation"].split()).upper()
        if typed != ACCOUNT_DELETE_PHRASE:
            raise forms.ValidationError(
                gettext("Tapez exactement « %(phrase)s » pour supprimer votre compte.")
                % {"phrase": ACCOUNT_DELETE_PHRASE}
            )
        return typed
