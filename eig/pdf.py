"""Uploaded PDFs, checked for real and rewritten before they are stored.

A file is a PDF when qpdf (through pikepdf) parses it without having to repair it, its `%PDF-` header
at the very first byte (so a polyglot with HTML or an executable before the header is refused). What
a reader would run or open by itself is refused: JavaScript (the document's /JavaScript name tree, /JS
actions, XFA forms), actions that launch a program, open another file or send data (/Launch, /GoToR,
/SubmitForm, /ImportData, and a web address opened automatically by /OpenAction or /AA), and embedded
files (/EmbeddedFiles, file specifications with /EF, file-attachment and rich-media annotations).
Ordinary links (/URI on a click) and navigation stay.

What is stored is never the bytes as uploaded but qpdf's rewrite of the objects the document reaches
(so earlier revisions, unreferenced objects and anything after %%EOF are dropped), without the document
information dictionary (/Info: author, title, software…), without XMP metadata (/Metadata on any object)
and application data (/PieceInfo), with a document ID computed anew from the rewritten content. Streams
are copied as they are, never decompressed: a compression bomb costs nothing.
"""

import io
import logging
import re

import pikepdf
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# The header opens the file: a PDF reader looks for it in the first kilobyte, which is how polyglots work.
HEADER = re.compile(rb"%PDF-[12]\.\d")

NAME = pikepdf.Name
# Action types (/S) refused wherever they are: they run a program, open or import another file, or send
# the document's data somewhere.
LAUNCH_ACTIONS = {NAME.Launch, NAME.GoToR, NAME.SubmitForm, NAME.ImportData}
EMBEDDED_ACTIONS = {NAME.GoToE}
SCRIPT_ACTIONS = {NAME.JavaScript}
EMBEDDED_SUBTYPES = {NAME.FileAttachment, NAME.RichMedia}
# Keys that hold document metadata, removed from every dictionary.
METADATA_KEYS = (NAME.Metadata, NAME.PieceInfo)


def _refusal(code: str) -> ValidationError:
    messages = {
        "not_pdf": _(
            "Ce fichier n'est pas un PDF valide. Enregistrez votre CV au format PDF puis déposez-le à nouveau."
        ),
        "damaged": _(
            "Ce PDF est endommagé ou mal formé. Ouvrez-le puis enregistrez-le à nouveau au format PDF "
            "(par exemple avec « Imprimer » puis « Enregistrer au format PDF ») avant de le déposer."
        ),
        "encrypted": _(
            "Ce PDF est protégé par un mot de passe ou chiffré. Enregistrez-en une copie sans protection, "
            "puis déposez-la."
        ),
        "no_pages": _("Ce PDF ne contient aucune page. Déposez le PDF de votre CV."),
        "javascript": _(
            "Ce PDF contient du JavaScript (script ou formulaire dynamique), refusé pour la sécurité des "
            "personnes qui le liront. Enregistrez-le à nouveau avec « Imprimer » puis « Enregistrer au format "
            "PDF » avant de le déposer."
        ),
        "launch": _(
            "Ce PDF contient une action qui lance un programme, ouvre un autre fichier ou une adresse "
            "sans clic, ou envoie des données, refusée pour la sécurité des personnes qui le liront. "
            "Enregistrez-le à nouveau avec « Imprimer » puis « Enregistrer au format PDF » avant de le déposer."
        ),
        "embedded": _(
            "Ce PDF contient des fichiers joints, refusés pour la sécurité des personnes qui le liront. "
            "Retirez-les, ou enregistrez-le à nouveau avec « Imprimer » puis « Enregistrer au format PDF », "
            "avant de le déposer."
        ),
    }
    return ValidationError(messages[code], code=code)


class SanitisedPdf(ContentFile):
    """A PDF that `pdf_sanitise` checked and rewrote: the only kind of PDF services store."""


def _children(obj):
    if isinstance(obj, pikepdf.Array):
        return list(obj)
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        return list(obj.values())
    return []


def _actions(value) -> list:
    """The action dictionaries of an /OpenAction or /AA value, following /Next chains."""
    pending, actions = [value], []
    while pending:
        item = pending.pop()
        if isinstance(item, pikepdf.Array):
            pending.extend(item)
        elif isinstance(item, pikepdf.Dictionary) and len(actions) < 10_000:
            actions.append(item)
            if NAME.Next in item:
                pending.append(item[NAME.Next])
    return actions


def _inspect(obj) -> str | None:
    """The refusal code of a dictionary (or stream dictionary), or None."""
    if NAME.JS in obj or NAME.JavaScript in obj or NAME.XFA in obj or obj.get(NAME.S) in SCRIPT_ACTIONS:
        return "javascript"
    if obj.get(NAME.S) in LAUNCH_ACTIONS:
        return "launch"
    if (
        NAME.EmbeddedFiles in obj
        or NAME.EF in obj
        or obj.get(NAME.Type) == NAME.EmbeddedFile
        or obj.get(NAME.Subtype) in EMBEDDED_SUBTYPES
        or obj.get(NAME.S) in EMBEDDED_ACTIONS
    ):
        return "embedded"
    automatic = []
    if NAME.OpenAction in obj:
        automatic.extend(_actions(obj[NAME.OpenAction]))
    additional = obj.get(NAME.AA)
    if isinstance(additional, pikepdf.Dictionary):
        for trigger in additional.values():
            automatic.extend(_actions(trigger))
    if any(action.get(NAME.S) == NAME.URI for action in automatic):
        return "launch"
    return None


def _walk_and_strip(pdf: pikepdf.Pdf) -> None:
    """Visit every object the document reaches (once each, iteratively: nesting depth does not matter),
    raise the first refusal found, and remove metadata keys on the way."""
    seen: set[tuple[int, int]] = set()
    pending = [pdf.Root]
    while pending:
        obj = pending.pop()
        if not isinstance(obj, pikepdf.Array | pikepdf.Dictionary | pikepdf.Stream):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            code = _inspect(obj)
            if code:
                raise _refusal(code)
            for key in METADATA_KEYS:
                if key in obj:
                    del obj[key]
        pending.extend(_children(obj))


def pdf_sanitise(data: bytes) -> bytes:
    """The rewritten copy of `data` (see the module's docstring), or a ValidationError whose code says why
    it is refused: not_pdf, damaged, encrypted, no_pages, javascript, launch or embedded."""
    if not HEADER.match(data):
        raise _refusal("not_pdf")
    try:
        pdf = pikepdf.open(io.BytesIO(data), attempt_recovery=False, inherit_page_attributes=False)
    except pikepdf.PasswordError as error:
        raise _refusal("encrypted") from error
    except Exception as error:  # qpdf refuses the structure: anything it cannot read is damaged
        logger.info("PDF refused: qpdf cannot open it (%s)", error)
        raise _refusal("damaged") from error
    with pdf:
        try:
            if pdf.is_encrypted:
                raise _refusal("encrypted")
            if len(pdf.pages) == 0:
                raise _refusal("no_pages")
            _walk_and_strip(pdf)
            for key in (NAME.Info, NAME.ID):
                if key in pdf.trailer:
                    del pdf.trailer[key]
            output = io.BytesIO()
            pdf.save(
                output,
                compress_streams=False,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                deterministic_id=True,
                preserve_pdfa=False,
                fix_metadata_version=False,
            )
        except ValidationError:
            raise
        except Exception as error:  # an object qpdf cannot read while walking or writing: damaged as well
            logger.info("PDF refused: qpdf cannot read it (%s)", error)
            raise _refusal("damaged") from error
        warnings = pdf.get_warnings()
        if warnings:
            # qpdf read past an error (a stream's wrong length, a broken object…): recovered, so refused.
            logger.info("PDF refused: qpdf warned %s", warnings[:3])
            raise _refusal("damaged")
    return output.getvalue()


def pdf_sanitised_file(uploaded) -> SanitisedPdf:
    """The upload (a Django File), checked and rewritten, as a file to store."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return SanitisedPdf(pdf_sanitise(data), name="document.pdf")
