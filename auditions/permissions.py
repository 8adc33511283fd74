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


def has_declared(user, audition: Audition) -> bool:
    return Declaration.objects.filter(audition=audition, juror=user).exists()


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


def is_director_or_staff(user) -> bool:
    return has_role(user, Role.DIRECTOR) or has_role(user, Role.STAFF)


# Every juror, whichever their jury (what a juror who just took a seat needs: a second factor).
JURORS = role_rule(Role.JUROR)
