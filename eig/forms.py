"""Form rendering shared by every app, and the sign-up form.

Every form field on the site, including allauth's and crispy-forms' ones, is rendered by
django-dsfr's own field templates: the renderer below hands every form django-dsfr's bound field,
which picks the DSFR snippet for the widget. The crispy-forms "dsfr" pack (templates/dsfr/) only
lays fields out and delegates each one to that same snippet.
"""

from pathlib import Path

import dsfr
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBoundField
from dsfr.utils import dsfr_input_class_attr

from eig.models import ROLE_FIELDS, Role


class DsfrFormRenderer(DjangoTemplates):
    bound_field_class = DsfrBoundField
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


SIGNUP_ROLES = [
    (Role.CANDIDATE.value, _("Je souhaite candidater au programme")),
    (Role.AGENT.value, _("Je représente une administration qui propose un défi")),
]


class SignupForm(DsfrFormMixin, AllauthSignupForm):
    role = forms.ChoiceField(
        label=_("Vous êtes"),
        choices=SIGNUP_ROLES,
        initial=Role.CANDIDATE.value,
        widget=forms.RadioSelect,
    )

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
