"""Reminders of the offers, registered in the reminder engine (eig/reminders, docs/reminders.md and
docs/fellowship.md « Offers »): the person of each open offer, 7, 2 and 1 days before its deadline
(on the Paris calendar: 23:59:59 seven days before a deadline at 23:59:59).

The deadline is each offer's own `answer_by`, so the rule is an `OfferRule`: the scope of a ledger row
is the offer itself, the schedule the open offers whose deadline is ahead (one query per sweep)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eig.dates import passed_deadlines_cutoff
from eig.reminders.registry import Before, Due, DueReminders, ReminderRule, register
from fellowship.emails_offers import MY_OFFERS_URL_NAME, offer_context
from fellowship.models import OPEN_OFFERS, Offer
from fellowship.waiting import offers_with_details


class OfferSchedule:
    """The open offers whose deadline is ahead, with their person (one query for every offer rule)."""

    def load(self, rules: Sequence["OfferRule"], now: dt.datetime) -> list[Offer]:
        ahead = Offer.objects.filter(OPEN_OFFERS, answer_by__gte=passed_deadlines_cutoff(now))
        return list(ahead.filter(application__candidate__is_active=True).select_related("application"))


OFFER_SCHEDULE = OfferSchedule()


@dataclass(frozen=True)
class OfferRule(ReminderRule):
    """A reminder to the person of each open offer before its `answer_by`; scope and object: the offer."""

    scope_type: ClassVar[str] = "fellowship.offer"
    scope_cohort: ClassVar[str] = "application__cohort"
    # The offer's field that holds the deadline.
    deadline_field: ClassVar[str] = "answer_by"

    @property
    def schedule(self) -> OfferSchedule:
        return OFFER_SCHEDULE

    def due(self, loaded: list[Offer], now: dt.datetime) -> DueReminders:
        reminders = []
        for offer in loaded:
            point = self.point_due(offer, offer.answer_by, now)
            if point is not None:
                reminders.append(Due(offer.application.candidate_id, offer.pk, offer.pk, offer.answer_by, point))
        return DueReminders(frozenset(due.scope_id for due in reminders), tuple(reminders))

    def deadline_is_current(self) -> Q:
        """The row's offer is still open and its deadline is still the row's."""
        return Q(Exists(Offer.objects.filter(OPEN_OFFERS, pk=OuterRef("scope_id"), answer_by=OuterRef("deadline"))))

    def recheck(self, delivery, now: dt.datetime) -> dict | None:
        offer = (
            offers_with_details()
            .filter(
                OPEN_OFFERS,
                pk=delivery.scope_id,
                answer_by=delivery.deadline,
                application__candidate_id=delivery.recipient_id,
            )
            .first()
        )
        if offer is None:
            return None
        return {**offer_context(offer), "object": offer}


OFFER_UNANSWERED = register(
    OfferRule(
        key="offer_unanswered",
        send_points=(Before(days=7), Before(days=2), Before(days=1)),
        object_type="fellowship.offer",
        template="emails/fellowship/reminder_offer",
        action_url=lambda offer_id: reverse(MY_OFFERS_URL_NAME),
        reason=_(
            "Vous recevez ce message parce qu'une offre de poste du programme EIG vous attend et que vous n'y "
            "avez pas encore répondu."
        ),
    )
)


# The collective sessions declare their rule in a module of their own.
from fellowship import reminders_sessions  # noqa: E402, F401
