"""Private files (CVs): stored under PRIVATE_MEDIA_ROOT, never given a public URL. Only views that
check permissions serve them (FileResponse)."""

import uuid

from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.http import FileResponse, Http404

from eig.audit.models import AuditAction
from eig.audit.services import record


class PrivateStorage(FileSystemStorage):
    """MEDIA_ROOT (= PRIVATE_MEDIA_ROOT) read lazily, so tests can point it at a temporary folder."""

    def url(self, name):
        raise ValueError("Private files have no public URL: serve them through a permission-checking view.")


def private_storage() -> PrivateStorage:
    """Callable storage for FileField(storage=…): the location follows the settings at run time."""
    return PrivateStorage()


def cv_upload_to(instance, filename: str) -> str:
    """A path that reveals nothing of the original file name (which may hold the candidate's name)."""
    return f"cv/{uuid.uuid4().hex}.pdf"


def delete_on_commit(files) -> None:
    """Delete these stored files (FieldFiles) once the current transaction commits: a file replaced by a
    new upload leaves the disk, while a save that rolls back keeps it (the row still points to it)."""
    names = [(file.storage, file.name) for file in files if file]
    if not names:
        return

    def delete():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def private_pdf_response(
    stored, *, filename: str, missing_message: str, audit_target=None, audit_summary: str = "", audit_data=None
) -> FileResponse:
    """A stored private PDF (a FieldFile), inline, for a view that has checked who asks: 404 with
    `missing_message` when nothing was uploaded or the file is gone; never sniffed as anything else.

    With an `audit_target` (the object the file belongs to, an application), the file served is written to
    the audit trail (AuditAction.FILE) with `audit_summary` (French, ids only), `audit_data` (ids: where it
    was opened from) and the reader's account
    and address: every view that serves someone else's file passes one; a person opening their own file
    does not."""
    if not stored:
        raise Http404(missing_message)
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404(missing_message) from missing
    if audit_target is not None:
        record(
            AuditAction.FILE,
            summary=audit_summary,
            target=audit_target,
            data={"field": stored.field.name, "filename": filename, **(audit_data or {})},
        )
    response = FileResponse(handle, content_type="application/pdf", as_attachment=False, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
