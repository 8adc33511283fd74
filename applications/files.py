"""Serving a candidate's CV (eig.storage.private_pdf_response) with its trace in the audit trail: every
reader other than the candidate — programme staff, the pre-selection's reviewers, the jurors of an
audition — is written there (AuditAction.FILE: who, when, from which address, which application's which
file). The candidate opening their own file is not: it tells nothing an inquiry needs."""

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from eig.audit.services import in_site_language
from eig.storage import private_pdf_response

CV_SUMMARIES = {
    "cv": _("CV de la candidature n°%(pk)s consulté"),
    "anonymised_cv": _("CV anonymisé de la candidature n°%(pk)s consulté"),
}


def cv_response(
    application: Application, field_name: str, *, reader, filename: str, missing_message: str, via=None
) -> FileResponse:
    """The application's `field_name` CV ("cv" or "anonymised_cv"), inline, for a view that has checked
    that `reader` may open it; `via`: the object the reader opened it from (an audition), named in the
    trail's details."""
    audit = {}
    if reader.pk != application.candidate_id:
        audit = {
            "audit_target": application,
            "audit_summary": in_site_language(CV_SUMMARIES[field_name], pk=application.pk),
            "audit_data": {"via": via._meta.label_lower, "via_id": via.pk} if via is not None else None,
        }
    return private_pdf_response(
        getattr(application, field_name), filename=filename, missing_message=missing_message, **audit
    )
