"""The crispy-forms "dsfr" pack lays fields out in DSFR markup and leaves each field to django-dsfr."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Button, Column, Field, Fieldset, Layout, Row, Submit
from django import forms
from django.template import Context, Template

from tests.html_parsing import Page

PROFILES = [("developer", "Développeur·se"), ("designer", "Designer")]


class ProfileForm(forms.Form):
    name = forms.CharField(label="Nom")
    profile = forms.ChoiceField(label="Profil", choices=PROFILES)
    accept = forms.BooleanField(label="J'accepte le règlement")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("Votre profil", "name", "profile"),
            "accept",
        )
        self.helper.add_input(Submit("save", "Enregistrer"))
        self.helper.add_input(Button("cancel", "Annuler"))


class ClosedForm(ProfileForm):
    def clean(self):
        raise forms.ValidationError("L'appel à candidatures est clos.")


def render_crispy(form) -> str:
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def test_crispy_form_renders_dsfr_fieldset_fields_and_buttons_when_unbound():
    html = render_crispy(ProfileForm())

    page = Page(html)
    fieldset = page.find_all("fieldset")[0]
    assert fieldset.classes == ["fr-fieldset"]
    assert page.texts("legend", css_class="fr-fieldset__legend") == ["Votre profil"]
    assert page.find_all("input", name="name")[0].classes == ["fr-input"]
    assert page.find_all("input", name="name")[0].is_inside(page.find_all("div", css_class="fr-input-group")[0])
    assert page.find_all("select", name="profile")[0].classes == ["fr-select"]
    assert page.find_all("select", name="profile")[0].is_inside(page.find_all("div", css_class="fr-select-group")[0])
    assert page.find_all("input", name="accept")[0].is_inside(page.find_all("div", css_class="fr-checkbox-group")[0])
    assert [field.attrs["name"] for field in page.find_all(inside=fieldset) if field.tag in {"input", "select"}] == [
        "name",
        "profile",
    ]
    assert [(button.text, button.attrs["class"]) for button in page.find_all("button")] == [
        ("Enregistrer", "fr-btn"),
        ("Annuler", "fr-btn fr-btn--secondary"),
    ]
    assert page.find_all("ul", css_class="fr-btns-group")[0].attrs["class"] == (
        "fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left"
    )


def test_crispy_field_is_django_dsfr_snippet_unchanged():
    form = ProfileForm()

    html = render_crispy(form)

    for name in ("name", "profile", "accept"):
        assert html.count(str(form[name].as_field_group())) == 1


def test_crispy_form_keeps_submitted_values_and_shows_errors_when_invalid():
    form = ProfileForm(data={"name": "Ada Lovelace", "profile": "designer"})

    html = render_crispy(form)

    page = Page(html)
    assert form.is_valid() is False
    assert [field.attrs.get("value") for field in page.find_all("input", name="name")] == ["Ada Lovelace"]
    assert [option.attrs["value"] for option in page.find_all("option") if "selected" in option.attrs] == ["designer"]
    assert page.find_all("div", css_class="fr-checkbox-group")[0].classes == [
        "fr-checkbox-group",
        "fr-checkbox-group--error",
        "fr-mb-2w",
    ]
    assert page.find_all("input", name="accept")[0].attrs["aria-invalid"] == "true"
    assert page.texts("li", css_class="fr-error-text") == ["Ce champ est obligatoire."]
    assert page.texts("div", id="id_accept-desc-error") == ["Ce champ est obligatoire."]
    assert page.find_all("div", css_class="fr-alert--error") == []


def test_crispy_form_shows_non_field_errors_in_dsfr_alert():
    form = ClosedForm(data={"name": "Ada Lovelace", "profile": "designer", "accept": "on"})

    html = render_crispy(form)

    page = Page(html)
    alerts = page.find_all("div", css_class="fr-alert")
    assert [alert.classes for alert in alerts] == [["fr-alert", "fr-alert--error", "fr-alert--sm", "fr-mb-4w"]]
    assert [alert.text for alert in alerts] == ["L'appel à candidatures est clos."]


def test_crispy_filter_renders_every_field_with_django_dsfr():
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": ProfileForm()}))

    page = Page(html)
    assert page.find_all("form") == []
    assert [label.attrs["for"] for label in page.find_all("label", css_class="fr-label")] == [
        "id_name",
        "id_profile",
        "id_accept",
    ]
    assert page.find_all("input", name="name")[0].classes == ["fr-input"]
    assert page.find_all("select", name="profile")[0].classes == ["fr-select"]


def test_crispy_field_css_class_is_added_to_dsfr_class():
    form = ProfileForm()
    form.helper.layout = Layout(Field("name", css_class="eig-short"), "profile", "accept")

    html = render_crispy(form)

    assert Page(html).find_all("input", name="name")[0].classes == ["fr-input", "eig-short"]


def test_crispy_row_and_columns_use_dsfr_grid():
    form = ProfileForm()
    form.helper.layout = Layout(Row(Column("name"), Column("profile", css_class="fr-col-md-4")), "accept")

    html = render_crispy(form)

    page = Page(html)
    assert [row.classes for row in page.find_all("div", css_class="fr-grid-row")] == [
        ["fr-grid-row", "fr-grid-row--gutters"]
    ]
    assert [
        column.classes for column in page.find_all("div") if any(name.startswith("fr-col") for name in column.classes)
    ] == [["fr-col-12", "fr-col-md"], ["fr-col-md-4"]]


class DraftForm(ProfileForm):
    version = forms.IntegerField(label="Version", widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.render_hidden_fields = True


def test_crispy_form_shows_hidden_field_errors_in_dsfr_alert():
    form = DraftForm(data={"name": "Ada Lovelace", "profile": "designer", "accept": "on", "version": "deux"})

    html = render_crispy(form)

    page = Page(html)
    assert page.texts("div", css_class="fr-alert--error") == ["Version : Saisissez un nombre entier."]
    assert [field.attrs["value"] for field in page.find_all("input", type_="hidden", name="version")] == ["deux"]
