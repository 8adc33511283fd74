"""The audit trail's staff page (« Journal d'audit »): search by action, author, object, dates (Paris
time) and address, newest first, 50 rows a page; the rows found exported as CSV or XLSX for an inquiry
(eig.exports, which writes the export itself to the trail)."""

import json

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eig.audit.forms import AuditFilterForm, object_type_label
from eig.audit.models import AuditAction, AuditEntry
from eig.dates import PARIS
from eig.exports import FORMATS
from eig.gate import PROGRAMME_STAFF, gate
from eig.pagination import paginate

PAGE_SIZE = 50
EXPORT_WHAT = gettext_lazy("le journal d'audit")


def _entries(form: AuditFilterForm):
    return AuditEntry.objects.filter(form.filters()).order_by("-at", "-id")


@gate(PROGRAMME_STAFF)
def journal(request):
    form = AuditFilterForm(request.GET or None)
    page = paginate(request, _entries(form), PAGE_SIZE)
    rows = [
        {"entry": entry, "object_type": object_type_label(entry.object_type) if entry.object_type else ""}
        for entry in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "eig/audit/journal.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
            "is_filtered": bool(form.criteria()),
            "exports": [
                (reverse("audit:export", args=[fmt]) + (f"?{query.urlencode()}" if query else ""), fmt.upper())
                for fmt in FORMATS
            ],
        },
    )


def export_header() -> list[str]:
    return [
        _("Date (heure de Paris)"),
        _("Auteur"),
        _("Adresse IP"),
        _("Action"),
        _("Résumé"),
        _("Type d'objet"),
        _("Identifiant de l'objet"),
        _("Détails"),
    ]


def export_rows(entries) -> list[list]:
    labels = dict(AuditAction.choices)
    return [
        [
            entry.at.astimezone(PARIS).replace(tzinfo=None),
            entry.actor_email or _("Système"),
            entry.ip or "",
            str(labels.get(entry.action, entry.action)),
            entry.summary,
            entry.object_type,
            entry.object_id,
            json.dumps(entry.data, ensure_ascii=False, sort_keys=True),
        ]
        for entry in entries
    ]


@gate(PROGRAMME_STAFF)
def export(request, fmt: str):
    """The rows the page's filters find, all of them (not one page), CSV or XLSX; refused while a filter
    is invalid, so that an inquiry never receives rows it did not ask for."""
    if fmt not in FORMATS:
        raise Http404(_("Cet export n'existe pas."))
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Corrigez les filtres signalés : rien n'a été exporté."))
        return redirect(reverse("audit:journal") + f"?{request.GET.urlencode()}")
    filename = f"journal-audit.{fmt}"
    return FORMATS[fmt](
        export_header(),
        export_rows(_entries(form)),
        filename=filename,
        sheet=_("Journal d'audit"),
        audit=EXPORT_WHAT,
        audit_data={"filters": {key: value for key, value in request.GET.items() if key != "page"}},
    )
