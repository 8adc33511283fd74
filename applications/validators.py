from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from eig.templatetags.eig_tags import file_size

PDF_MAGIC = b"%PDF-"


def validate_pdf(uploaded) -> None:
    """A PDF is recognised by its content (a %PDF- header in the first kilobyte, the %%EOF trailer), not its name,
    and must not exceed settings.CV_MAX_SIZE."""
    if uploaded.size > settings.CV_MAX_SIZE:
        raise ValidationError(
            _("Le fichier pèse %(size)s : la limite est de %(limit)s.")
            % {"size": file_size(uploaded.size), "limit": file_size(settings.CV_MAX_SIZE)},
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(1024)
    uploaded.seek(max(uploaded.size - 2048, 0))
    tail = uploaded.read()
    uploaded.seek(0)
    if PDF_MAGIC not in head or b"%%EOF" not in tail:
        raise ValidationError(
            _("Ce fichier n'est pas un PDF valide. Enregistrez votre CV au format PDF puis déposez-le à nouveau."),
            code="not_pdf",
        )
