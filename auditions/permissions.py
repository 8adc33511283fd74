"""Who may do what in the auditions: a juror reaches only the auditions of the juries they sit on (an
accepted invitation), and a file only after declaring no link with the candidate; staff reach every
audition; the programme director validates the lists. The doors of eig.gate's rules are here."""

from auditions.models import Audition, Declaration, JuryMember, Link
from eig.gate import Rule, role_rule
from eig.models import Role
from eig.permissions import has_role, is_juror


def sits_on(user, jury_id: int) -> bool:
    """Whether `user` is a juror of the jury (invitation accepted)."""
    return is_juror(user) and JuryMember.objects.filter(jury_id=jury_id, user=user).exists()


def is_audition_juror(user, audition: Audition) -> bool:
    return sits_on(user, audition.jury_id)


def has_declared_no_link(user, audition: Audition) -> bool:
    """The juror declared no link with this audition's candidate: the file opens to them."""
    return Declaration.objects.filter(audition=audition, juror=user, link=Link.NONE).exists()


def sits_on_a_jury_of(user, challenge) -> bool:
    """Whether `user` sits on a jury that auditions for `challenge` (its deliberations are theirs)."""
    return is_juror(user) and JuryMember.objects.filter(jury__challenges=challenge, user=user).exists()


# An audition's pages: staff, and the jurors of its jury.
AUDITION_JURY = Rule({Role.STAFF: None, Role.JUROR: is_audition_juror})
# A deliberation's pages (the object is the deliberation): staff, the director, the jurors of a jury of
# its challenge.
DELIBERATION_READERS = Rule(
    {
        Role.STAFF: None,
        Role.DIRECTOR: None,
        Role.JUROR: lambda user, deliberation: sits_on_a_jury_of(user, deliberation.challenge),
    }
)


def is_convened_candidate(user, audition: Audition) -> bool:
    """The audition is the user's own and they have been convened to it (a slot still being planned is
    not shown to them)."""
    return audition.application.candidate_id == user.pk and audition.convened_at is not None


def has_a_seat(user, obj=None) -> bool:
    """A juror of any jury (an accepted invitation): their own calendar pages."""
    return is_juror(user) and JuryMember.objects.filter(user=user, accepted_at__isnull=False).exists()


# The candidate's convocation pages: their own audition, once convened.
CONVENED_CANDIDATE = Rule({Role.CANDIDATE: is_convened_candidate})


# The list of deliberations: staff, the director, and every juror of a jury (who sees their juries' ones).
DELIBERATION_LIST = Rule({Role.STAFF: None, Role.DIRECTOR: None, Role.JUROR: has_a_seat})


def may_read_file(user, audition: Audition) -> bool:
    """A juror of the audition's jury who declared no link with its candidate: the file and the grid
    open to them (a recused juror, or one who has not declared yet, is refused)."""
    return is_audition_juror(user, audition) and has_declared_no_link(user, audition)


# « Mes auditions », the jurors' calendar page: the jurors with a seat.
AUDITION_JURORS = Rule({Role.JUROR: has_a_seat})
# The declaration of a link (POST): the jurors of the audition's jury.
AUDITION_DECLARANTS = Rule({Role.JUROR: is_audition_juror})


def is_staff_off_the_jury(user, audition: Audition) -> bool:
    """Programme staff who do not sit on the audition's jury (a seated member of staff declares first,
    as every juror does)."""
    return has_role(user, Role.STAFF) and not JuryMember.objects.filter(jury_id=audition.jury_id, user=user).exists()


# The candidate's file from an audition: staff off its jury, and its jurors who declared no link.
AUDITION_FILE_READERS = Rule({Role.STAFF: is_staff_off_the_jury, Role.JUROR: may_read_file})
# The scorecard (POST): the jurors of its jury who declared no link.
AUDITION_SCORERS = Rule({Role.JUROR: may_read_file})
# Every juror, whichever their jury (what a juror who just took a seat needs: a second factor).
JURORS = role_rule(Role.JUROR)
