"""The audit trail's search form (the staff page, eig.audit.views): read from the query string, so that
a search is a link; each valid value filters, each invalid one is reported in French (eig.forms.GetFilterForm)."""

import datetime as dt

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.apps import apps
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from eig.audit.models import AuditAction, AuditEntry
from eig.dates import PARIS
from eig.forms import GetFilterForm


def object_type_label(object_type: str) -> str:
    """« Candidature » for "applications.application"; the stored value itself for a model that is gone."""
    try:
        return capfirst(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AuditFilterForm(GetFilterForm):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("Toutes les actions")), *AuditAction.choices]
    )
    author = forms.CharField(
        label=_("Auteur"),
        required=False,
        max_length=254,
        help_text=_("Tout ou partie de l'adresse e-mail, par exemple « @beta.gouv.fr »."),
    )
    object_type = forms.ChoiceField(label=_("Type d'objet"), required=False)
    object_id = forms.RegexField(
        label=_("Identifiant de l'objet"),
        required=False,
        regex=r"^\d{1,18}$",
        error_messages={"invalid": _("Saisissez un identifiant en chiffres, par exemple « 12 ».")},
        help_text=_("Le numéro de l'objet, par exemple 12 pour « Candidature n°12 »."),
    )
    start = forms.DateField(
        label=_("Du"),
        required=False,
        widget=DateInput,
        help_text=_("Jour inclus, heure de Paris. Format : jj/mm/aaaa"),
    )
    end = forms.DateField(
        label=_("Au"),
        required=False,
        widget=DateInput,
        help_text=_("Jour inclus, heure de Paris. Format : jj/mm/aaaa"),
    )
    ip = forms.GenericIPAddressField(
        label=_("Adresse IP"),
        required=False,
        error_messages={"invalid": _("Saisissez une adresse IPv4 ou IPv6 valide, par exemple « 203.0.113.9 ».")},
    )

    submit_label = _("Rechercher")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.fields["end"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        object_types = AuditEntry.objects.exclude(object_type="").order_by("object_type").distinct()
        labels = sorted(
            ((value, object_type_label(value)) for value in object_types.values_list("object_type", flat=True)),
            key=lambda choice: str(choice[1]).lower(),
        )
        self.fields["object_type"].choices = [("", _("Tous les types")), *labels]
        self.helper.form_id = "journal-filters"
        self.helper.layout = Layout(
            Row(Column("action"), Column("author"), Column("ip")),
            Row(Column("object_type"), Column("object_id")),
            Row(Column("start"), Column("end"), css_class="fr-mb-2w"),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("La date de fin doit être le même jour que la date de début ou après."))
        return cleaned

    def filters(self) -> Q:
        """The valid criteria as one filter of AuditEntry (dates from midnight to midnight, Paris time)."""
        criteria = self.criteria()
        query = Q()
        if "action" in criteria:
            query &= Q(action=criteria["action"])
        if "author" in criteria:
            query &= Q(actor_email__icontains=criteria["author"].strip())
        if "object_type" in criteria:
            query &= Q(object_type=criteria["object_type"])
        if "object_id" in criteria:
            query &= Q(object_id=str(int(criteria["object_id"])))
        if "start" in criteria:
            query &= Q(at__gte=dt.datetime.combine(criteria["start"], dt.time.min, tzinfo=PARIS))
        if "end" in criteria:
            query &= Q(at__lt=dt.datetime.combine(criteria["end"] + dt.timedelta(days=1), dt.time.min, tzinfo=PARIS))
        if "ip" in criteria:
            query &= Q(ip=criteria["ip"])
        return query
