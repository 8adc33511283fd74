"""The CV files: within the size limit, then checked and rewritten by eig.pdf (what is stored is never the
bytes as uploaded)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from eig.pdf import SanitisedPdf, pdf_sanitised_file
from eig.templatetags.eig_tags import file_size


def validate_cv_size(uploaded) -> None:
    """A CV must not exceed settings.CV_MAX_SIZE (checked before the file is read)."""
    if uploaded.size > settings.CV_MAX_SIZE:
        raise ValidationError(
            _("Le fichier pèse %(size)s : la limite est de %(limit)s.")
            % {"size": file_size(uploaded.size), "limit": file_size(settings.CV_MAX_SIZE)},
            code="too_large",
        )


def cv_clean(uploaded) -> SanitisedPdf:
    """The uploaded CV as it will be stored: the rewritten copy of a PDF that passed every check of
    eig.pdf.pdf_sanitise (a ValidationError with its French message otherwise)."""
    if isinstance(uploaded, SanitisedPdf):
        return uploaded
    validate_cv_size(uploaded)
    return pdf_sanitised_file(uploaded)
