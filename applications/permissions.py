"""Who may do what with an application: plain predicates, asked by every view, and the gate's rules
(eig.gate) for the pages."""

from applications.models import Application, ApplicationStatus
from eig import lifecycle
from eig.gate import CANDIDATES, PROGRAMME_STAFF, Rule
from eig.models import Role


def is_applicant(user, application: Application) -> bool:
    return user.is_authenticated and application.candidate_id == user.pk


# The candidate's own pages (they name no application: each works on the signed-in candidate's own).
APPLICANTS = CANDIDATES
# A CV: its candidate (no second factor) and programme staff (jurors will be added with the auditions).
CV_READERS = Rule({Role.CANDIDATE: is_applicant, Role.STAFF: None})
# The candidate's consent to a longer retention of their own file (eig.privacy « Mes données »).
RETENTION_CONSENTERS = Rule({Role.CANDIDATE: is_applicant})
# What is due for purge, and the holds.
RETENTION_STAFF = PROGRAMME_STAFF
# The anonymous pre-selection.
REVIEWERS = PROGRAMME_STAFF


def can_apply(user) -> bool:
    return APPLICANTS.admits(user)


def can_edit_application(user, application: Application) -> bool:
    return is_applicant(user, application) and application.status in {
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
    }


def can_withdraw_application(user, application: Application) -> bool:
    """The candidate withdraws before any decision (the lifecycle's "withdraw")."""
    return is_applicant(user, application) and lifecycle.can(application, "withdraw")


def can_view_cv(user, application: Application) -> bool:
    """The candidate and programme staff (jurors will be added with the auditions)."""
    return CV_READERS.admits(user, application)


def can_review_applications(user) -> bool:
    return REVIEWERS.admits(user)


def can_make_wishes(user, application: Application) -> bool:
    return is_applicant(user, application) and application.status == ApplicationStatus.PRESELECTED
