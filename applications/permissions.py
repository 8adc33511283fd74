"""Who may do what with an application: plain predicates, asked by every view."""

from applications.models import Application, ApplicationStatus
from eig.permissions import is_candidate, is_programme_staff


def is_applicant(user, application: Application) -> bool:
    return user.is_authenticated and application.candidate_id == user.pk


def can_apply(user) -> bool:
    return is_candidate(user)


def can_edit_application(user, application: Application) -> bool:
    return is_applicant(user, application) and application.status in {
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
    }


def can_withdraw_application(user, application: Application) -> bool:
    return is_applicant(user, application) and application.status in {
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
    }


def can_view_cv(user, application: Application) -> bool:
    """The candidate and programme staff (jurors will be added with the auditions)."""
    return is_applicant(user, application) or is_programme_staff(user)


def can_review_applications(user) -> bool:
    return is_programme_staff(user)


def can_make_wishes(user, application: Application) -> bool:
    return is_applicant(user, application) and application.status == ApplicationStatus.PRESELECTED
