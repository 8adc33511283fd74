"""Small generators of PDF files, good and hostile, written byte by byte (not with the library that checks
them), for the upload tests. Objects 1 to 5 are the catalog, the page tree, the page, its content and its
font; `extra_objects` are numbered from 6 on."""

import io

import pikepdf

FIRST_EXTRA = 6


def build_pdf(
    text: str = "Curriculum vitae",
    *,
    padding: int = 0,
    header: bytes = b"%PDF-1.4\n",
    catalog_extra: bytes = b"",
    page_extra: bytes = b"",
    extra_objects: tuple[bytes, ...] = (),
    trailer_extra: bytes = b"",
    pages: bool = True,
) -> bytes:
    """A well-formed PDF (a correct cross-reference table), with one page saying `text` unless `pages` is
    False, optionally padded to a given size with a PDF comment."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    kids = b"/Kids [3 0 R] /Count 1" if pages else b"/Kids [] /Count 0"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages " + kids + b" >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b">>",
        stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra_objects,
    ]
    body = header + (b"%" + b"x" * padding + b"\n" if padding else b"")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n"
    body += b"startxref\n%d\n%%%%EOF\n" % xref
    return body


def stream(data: bytes, dictionary: bytes = b"") -> bytes:
    return b"<< /Length %d " % len(data) + dictionary + b">>\nstream\n" + data + b"\nendstream"


def executable_with_pdf_markers() -> bytes:
    """A Windows executable (MZ header, DOS stub) with `%PDF-` in its first kilobyte and `%%EOF` at its end."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 44
        + b"\x80\x00\x00\x00"
        + b"This program cannot be run in DOS mode.\r\r\n$"
        + b"%PDF-1.4\n"
        + b"PE\x00\x00"
        + b"\x90" * 4000
        + b"\n%%EOF\n"
    )


def html_polyglot() -> bytes:
    """An HTML page with a script, then a whole valid PDF: a browser runs the page, a PDF reader finds the PDF."""
    return b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script><!--\n" + build_pdf() + b"-->"


def pdf_with_javascript() -> bytes:
    """JavaScript run when the document opens (/OpenAction)."""
    return build_pdf(
        catalog_extra=b"/OpenAction 6 0 R ",
        extra_objects=(b"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\);) >>",),
    )


def pdf_with_javascript_name_tree() -> bytes:
    """A document-level script in the /Names /JavaScript tree."""
    return build_pdf(
        catalog_extra=b"/Names << /JavaScript 6 0 R >> ",
        extra_objects=(b"<< /Names [(init) 7 0 R] >>", b"<< /S /JavaScript /JS (this.print\\(\\);) >>"),
    )


def pdf_with_page_script() -> bytes:
    """A script run when the page opens, through the page's additional actions (/AA)."""
    return build_pdf(
        page_extra=b"/AA << /O << /S /JavaScript /JS 6 0 R >> >> ", extra_objects=(stream(b"app.beep(0);"),)
    )


def pdf_with_launch_action() -> bytes:
    """A link whose action launches a program."""
    annotation = b"<< /Type /Annot /Subtype /Link /Rect [0 0 612 792] /A << /S /Launch /F (cmd.exe) >> >>"
    return build_pdf(page_extra=b"/Annots [6 0 R] ", extra_objects=(annotation,))


def pdf_opening_a_web_address() -> bytes:
    """A web address opened without a click, when the document opens."""
    return build_pdf(catalog_extra=b"/OpenAction << /S /URI /URI (https://tracker.example.org/open) >> ")


def pdf_with_link() -> bytes:
    """An ordinary link to a portfolio (a /URI action on a click), and a destination opened at start."""
    annotation = (
        b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A << /S /URI /URI (https://example.org) >> >>"
    )
    return build_pdf(
        catalog_extra=b"/OpenAction [3 0 R /XYZ null null 0] ",
        page_extra=b"/Annots [6 0 R] ",
        extra_objects=(annotation,),
    )


def pdf_with_embedded_file() -> bytes:
    """An executable attached to the document (/Names /EmbeddedFiles)."""
    return build_pdf(
        catalog_extra=b"/Names << /EmbeddedFiles << /Names [(setup.exe) 6 0 R] >> >> ",
        extra_objects=(
            b"<< /Type /Filespec /F (setup.exe) /EF << /F 7 0 R >> >>",
            stream(b"MZ\x90\x00", b"/Type /EmbeddedFile "),
        ),
    )


def pdf_with_file_attachment_annotation() -> bytes:
    """A file attached to the page, as an annotation."""
    annotation = b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS (notes.txt) >>"
    return build_pdf(page_extra=b"/Annots [6 0 R] ", extra_objects=(annotation,))


def pdf_with_metadata(name: str) -> bytes:
    """A PDF whose document information, XMP metadata and application data name the candidate, with a
    document ID (a CV saved from the named one keeps it)."""
    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>{name}</rdf:li></rdf:Seq>'
        '</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()
    encoded = name.encode()
    return build_pdf(
        "CV anonyme",
        catalog_extra=b"/Metadata 7 0 R /PieceInfo << /Word << /Private (" + encoded + b") >> >> ",
        page_extra=b"/Metadata 7 0 R ",
        extra_objects=(
            b"<< /Author (" + encoded + b") /Title (CV de " + encoded + b") /Producer (Traitement de texte) >>",
            stream(xmp, b"/Type /Metadata /Subtype /XML "),
        ),
        trailer_extra=b"/Info 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
    )


def pdf_with_earlier_revision(name: str) -> bytes:
    """A named CV "anonymised" by an incremental update: the last revision's page no longer shows the name,
    but the first revision, still in the file, does."""
    original = build_pdf(f"CV de {name}")
    content = stream(b"BT /F1 12 Tf 72 720 Td (CV anonyme) Tj ET")
    offset = len(original)
    update = b"4 0 obj\n" + content + b"\nendobj\n"
    xref = offset + len(update)
    previous = int(original.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    update += b"xref\n0 1\n0000000000 65535 f \n4 1\n%010d 00000 n \n" % offset
    update += b"trailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (previous, xref)
    return original + update


def pdf_with_wrong_stream_length() -> bytes:
    """A content stream whose /Length is wrong: a reader recovers it, with an error."""
    good = build_pdf()
    length = len(b"BT /F1 12 Tf 72 720 Td (Curriculum vitae) Tj ET")
    return good.replace(b"<< /Length %d >>" % length, b"<< /Length %d >>" % (length - 10), 1)


def pdf_without_cross_reference() -> bytes:
    """A PDF cut short: no cross-reference table nor trailer (a reader would rebuild them)."""
    good = build_pdf()
    return good[: good.index(b"xref")] + b"%%EOF\n"


def encrypted_pdf(*, user_password: str = "secret") -> bytes:
    """A PDF encrypted (with a password to open it, or none: only restrictions)."""
    output = io.BytesIO()
    with pikepdf.open(io.BytesIO(build_pdf())) as pdf:
        pdf.save(output, encryption=pikepdf.Encryption(owner="owner", user=user_password))
    return output.getvalue()


def page_text(data: bytes) -> list[bytes]:
    """Each page's content stream, as stored."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [page.obj.Contents.read_bytes() for page in pdf.pages]
