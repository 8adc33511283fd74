"""Convocations: the candidate's e-mail with the date in Paris time, the video link and an .ics
(icalendar), sent again as an update when the slot changes, and a CANCEL when the audition is
cancelled. (Being written: see docs/auditions.md.)"""

from auditions.models import Audition, AuditionStatus


def convocation_resend_if_sent(*, audition: Audition, by) -> None:
    """After a move: a candidate already convened gets the update (raised SEQUENCE)."""
    if audition.status == AuditionStatus.PLANNED:
        return
    raise NotImplementedError("convocation updates are being written")
