"""Role predicates: every view and service asks these, never the flags directly.

Each takes any user (anonymous included) and answers in one call; the role predicates need no query.
"""

from eig.models import ROLE_FIELDS, Role


def has_role(user, role: Role) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, ROLE_FIELDS[Role(role)]))


def is_candidate(user) -> bool:
    return has_role(user, Role.CANDIDATE)


def is_agent(user) -> bool:
    return has_role(user, Role.AGENT)


def is_programme_staff(user) -> bool:
    return has_role(user, Role.STAFF)


def is_juror(user) -> bool:
    return has_role(user, Role.JUROR)


def is_director(user) -> bool:
    return has_role(user, Role.DIRECTOR)


def is_fellow(user) -> bool:
    return has_role(user, Role.FELLOW)


def is_mentor(user) -> bool:
    return has_role(user, Role.MENTOR)
