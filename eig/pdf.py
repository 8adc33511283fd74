"""Uploaded PDFs, checked for real and rewritten before they are stored.

A file is a PDF when qpdf (through pikepdf) parses it without having to repair it, its `%PDF-` header
at the very first byte (so a polyglot with HTML or an executable before the header is refused). What
a reader would run or open by itself is refused, looked for in every dictionary of every object of the
file (read from qpdf's JSON of the document, where names are decoded: `/J#61vaScript` is `/JavaScript`):
JavaScript (the document's /JavaScript name tree, /JS
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
import json
import logging
import re

import pikepdf
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# The header opens the file: a PDF reader looks for it in the first kilobyte, which is how polyglots work.
HEADER = re.compile(rb"%PDF-[12]\.\d")

# Action types (/S) refused wherever they are: they run a program, open or import another file, or send
# the document's data somewhere.
LAUNCH_ACTIONS = {"/Launch", "/GoToR", "/SubmitForm", "/ImportData"}
EMBEDDED_ACTIONS = {"/GoToE"}
EMBEDDED_SUBTYPES = {"/FileAttachment", "/RichMedia"}
SCRIPT_KEYS = {"/JS", "/JavaScript", "/XFA"}
EMBEDDED_KEYS = {"/EmbeddedFiles", "/EF"}
# A dictionary without any of these keys is fine (most of them: fonts, resources, page tree…).
INSPECTED_KEYS = {*SCRIPT_KEYS, *EMBEDDED_KEYS, "/S", "/Type", "/Subtype", "/OpenAction", "/AA"}
# Keys that hold document metadata, removed from every dictionary.
METADATA_KEYS = ("/Metadata", "/PieceInfo")
# qpdf's JSON writes an indirect reference as "12 0 R" (strings are "u:…" or "b:…", names "/…").
REFERENCE = re.compile(r"\d+ \d+ R")
MAX_CHAINED_ACTIONS = 10_000


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


def _document_objects(pdf: pikepdf.Pdf) -> dict[str, object]:
    """Every object of the document as plain Python data, by reference ("12 0 R", and "trailer"), from qpdf's
    JSON (written in C++ without the stream data: reading it costs little even with many objects)."""
    buffer = io.BytesIO()
    pdf.write_qpdf_json(
        buffer, decode_level=pikepdf.StreamDecodeLevel.none, json_stream_data=pikepdf.JSONStreamData.none
    )
    objects = {}
    for key, item in json.loads(buffer.getvalue())["qpdf"][1].items():
        objects[key.removeprefix("obj:")] = item["stream"]["dict"] if "stream" in item else item.get("value")
    return objects


def _resolve(value, objects: dict):
    return objects.get(value) if isinstance(value, str) and REFERENCE.fullmatch(value) else value


def _automatic_actions(value, objects: dict) -> list[dict]:
    """The action dictionaries an /OpenAction or an /AA trigger runs, following /Next chains."""
    pending, actions = [value], []
    while pending and len(actions) < MAX_CHAINED_ACTIONS:
        item = _resolve(pending.pop(), objects)
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            actions.append(item)
            if "/Next" in item:
                pending.append(item["/Next"])
    return actions


def _inspect(dictionary: dict, objects: dict) -> str | None:
    """The refusal code of one dictionary (or stream dictionary), or None."""
    if INSPECTED_KEYS.isdisjoint(dictionary):
        return None
    action = dictionary.get("/S")
    if not SCRIPT_KEYS.isdisjoint(dictionary) or action == "/JavaScript":
        return "javascript"
    if action in LAUNCH_ACTIONS:
        return "launch"
    if (
        not EMBEDDED_KEYS.isdisjoint(dictionary)
        or dictionary.get("/Type") == "/EmbeddedFile"
        or dictionary.get("/Subtype") in EMBEDDED_SUBTYPES
        or action in EMBEDDED_ACTIONS
    ):
        return "embedded"
    automatic = []
    if "/OpenAction" in dictionary:
        automatic.extend(_automatic_actions(dictionary["/OpenAction"], objects))
    triggers = _resolve(dictionary.get("/AA"), objects)
    if isinstance(triggers, dict):
        for trigger in triggers.values():
            automatic.extend(_automatic_actions(trigger, objects))
    if any(item.get("/S") == "/URI" for item in automatic):
        return "launch"
    return None


def _check(objects: dict) -> list[str]:
    """Raise the first refusal found in any dictionary of any object (nested ones included, visited
    iteratively: nesting depth does not matter); return the objects that hold metadata keys."""
    with_metadata = []
    for reference, value in objects.items():
        pending, holds_metadata = [value], False
        while pending:
            item = pending.pop()
            if isinstance(item, dict):
                code = _inspect(item, objects)
                if code:
                    raise _refusal(code)
                holds_metadata = holds_metadata or "/Metadata" in item or "/PieceInfo" in item
                pending.extend(item.values())
            elif isinstance(item, list):
                pending.extend(item)
        if holds_metadata and reference != "trailer":
            with_metadata.append(reference)
    return with_metadata


def _strip_metadata(pdf: pikepdf.Pdf, references: list[str]) -> None:
    """Remove the metadata keys from these objects and the dictionaries nested in them."""
    for reference in references:
        number, generation, _r = reference.split()
        pending = [pdf.get_object(int(number), int(generation))]
        while pending:
            item = pending.pop()
            if isinstance(item, pikepdf.Dictionary | pikepdf.Stream):
                for key in METADATA_KEYS:
                    if key in item:
                        del item[key]
                children = item.values()
            else:
                children = item
            # Nested direct containers only: an indirect one is listed on its own if it holds metadata.
            pending.extend(
                child
                for child in children
                if isinstance(child, pikepdf.Dictionary | pikepdf.Array) and not child.is_indirect
            )


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
            _strip_metadata(pdf, _check(_document_objects(pdf)))
            for key in ("/Info", "/ID"):
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
