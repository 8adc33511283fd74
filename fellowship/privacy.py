"""What the fellowship app holds about a person (eig.privacy, docs/personal-data.md): the offers made to
them, their fellowship (team, contract dates), their attendance at the sessions. A fellow's application
and contract data are kept `retention_contract_years` after the contract ends (the keeper below), then
purged by the daily task like any other file."""

import datetime as dt

from django.db.models import OuterRef, Subquery

from applications.retention import Keeper, register_keeper
from eig.dates import PARIS
from eig.privacy import PersonalData, json_value, register
from fellowship.models import Attendance, Fellow, Offer, SessionFeed


def contract_kept_until(ends: dt.date, years: int) -> dt.datetime:
    """The end of the contract plus the cohort's `retention_contract_years`, at midnight Paris time."""
    try:
        until = ends.replace(year=ends.year + years)
    except ValueError:  # 29 February
        until = ends.replace(year=ends.year + years, day=28)
    return dt.datetime.combine(until, dt.time.min, tzinfo=PARIS)


def _application_kept_until(application) -> dt.datetime | None:
    ends = application.fellow_contract_ends_on
    return contract_kept_until(ends, application.cohort.retention_contract_years) if ends else None


# A fellow's application is kept until the end of their contract plus the cohort's period.
CONTRACTS = Keeper(
    annotations={
        "fellow_contract_ends_on": Subquery(Fellow.objects.filter(application_id=OuterRef("pk")).values("ends_on")[:1])
    },
    kept_until=_application_kept_until,
)


def _export(user) -> dict:
    return {
        "offers": [
            {
                "cohort": offer.application.cohort.name,
                "challenge": offer.position.challenge.name,
                "profile": offer.position.profile,
                "status": offer.status,
                "monthly_salary": offer.monthly_salary,
                "sent_at": json_value(offer.sent_at),
                "answer_by": json_value(offer.answer_by),
                "answered_at": json_value(offer.answered_at),
            }
            for offer in Offer.objects.filter(application__candidate=user)
            .select_related("application__cohort", "position__challenge")
            .order_by("sent_at", "pk")
        ],
        "fellowships": [
            {
                "cohort": fellow.cohort.name,
                "challenge": fellow.challenge.name,
                "starts_on": json_value(fellow.starts_on),
                "ends_on": json_value(fellow.ends_on),
                "public": fellow.public,
            }
            for fellow in Fellow.objects.filter(user=user).select_related("cohort", "challenge").order_by("pk")
        ],
        "attendance": [
            {"session": attendance.session.title, "status": attendance.status}
            for attendance in Attendance.objects.filter(user=user).select_related("session").order_by("pk")
        ],
    }


def _erase(user) -> None:
    """The account is deleted: off the public cohort page at once, the private feed closed."""
    Fellow.objects.filter(user=user).update(public=False)
    SessionFeed.objects.filter(user=user).delete()


register_keeper(CONTRACTS)
FELLOWSHIP = register(PersonalData(key="fellowship", order=5, export=_export, erase=_erase))
