"""What needs attention now in a cohort (the staff dashboard): each item a count and the page where
staff act, listing exactly those objects.

Each condition is defined once, in the app that owns the model, and read both here and by the admin list
filter the item links to: applications left to review per reviewer (`applications.selectors`), challenges
without an evaluation (`challenges.selectors`), auditions below quorum, without a confirmed slot or with
scorecards missing (`auditions.selectors`), offers expiring soon (`fellowship.selectors_offers`), failed
reminders and e-mails (the kernel). A constant number of queries, whatever the size of the cohort."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import ngettext

from applications.selectors import reviewers_left_to_review
from auditions.models import Audition
from auditions.selectors import SLOT_UNCONFIRMED, below_quorum, scorecards_missing
from challenges.models import Challenge
from challenges.selectors import unevaluated
from cohorts.models import Cohort
from eig.models import OutboxEmail, ReminderDelivery
from eig.outbox.delivery import DeliveryStatus
from eig.reminders.selectors import reminders_of_cohort
from fellowship.models import Offer
from fellowship.selectors_offers import EXPIRING_WITHIN, expiring


@dataclass(frozen=True)
class AttentionItem:
    """`label`: what needs attention, with its count, in French; `url`: the admin list of exactly those
    rows; `key`: which kind of item it is (tests, styling)."""

    label: str
    count: int
    url: str
    key: str = ""


def _admin_url(name: str, **params) -> str:
    return reverse(f"admin:{name}_changelist") + "?" + urlencode(params)


def _reviews(cohort: Cohort) -> list[AttentionItem]:
    return [
        AttentionItem(
            ngettext(
                "%(count)d candidature à relire par %(reviewer)s",
                "%(count)d candidatures à relire par %(reviewer)s",
                reviewer.left,
            )
            % {"count": reviewer.left, "reviewer": reviewer},
            reviewer.left,
            _admin_url("applications_application", cohort__id__exact=cohort.pk, not_reviewed_by=reviewer.pk),
            "reviews",
        )
        for reviewer in reviewers_left_to_review(cohort)
    ]


def attention_items(cohort: Cohort, *, now: dt.datetime) -> list[AttentionItem]:
    """What needs attention in the cohort at `now`, only the items with something to do, in the order of
    the process: 8 queries, whatever the number of applications, auditions, offers or reminders."""
    auditions = Audition.objects.filter(application__cohort=cohort)
    audition_url = {"application__cohort__id__exact": cohort.pk}
    days = EXPIRING_WITHIN.days
    counted = [
        (
            "challenges",
            Challenge.objects.filter(cohort=cohort).filter(unevaluated()).count(),
            lambda n: ngettext("%(count)d défi déposé sans évaluation", "%(count)d défis déposés sans évaluation", n),
            _admin_url("challenges_challenge", cohort__id__exact=cohort.pk, evaluation="none"),
        ),
        (
            "quorum",
            below_quorum(auditions).count(),
            lambda n: ngettext(
                "%(count)d audition sous le quorum du jury", "%(count)d auditions sous le quorum du jury", n
            ),
            _admin_url("auditions_audition", **audition_url, quorum="below"),
        ),
        (
            "slot",
            auditions.filter(SLOT_UNCONFIRMED).count(),
            lambda n: ngettext(
                "%(count)d audition sans créneau confirmé", "%(count)d auditions sans créneau confirmé", n
            ),
            _admin_url("auditions_audition", **audition_url, slot="unconfirmed"),
        ),
        (
            "scorecards",
            auditions.filter(scorecards_missing(now)).count(),
            lambda n: ngettext(
                "%(count)d audition passée dont des grilles manquent",
                "%(count)d auditions passées dont des grilles manquent",
                n,
            ),
            _admin_url("auditions_audition", **audition_url, scorecards="missing"),
        ),
        (
            "offers",
            Offer.objects.filter(application__cohort=cohort).filter(expiring(now)).count(),
            lambda n: ngettext(
                "%(count)d offre dont la réponse est attendue dans les %(days)d jours",
                "%(count)d offres dont la réponse est attendue dans les %(days)d jours",
                n,
            ),
            _admin_url("fellowship_offer", application__cohort__id__exact=cohort.pk, answer="expiring"),
        ),
        (
            "reminders",
            ReminderDelivery.objects.filter(reminders_of_cohort(cohort.pk), status=DeliveryStatus.FAILED).count(),
            lambda n: ngettext("%(count)d rappel en échec", "%(count)d rappels en échec", n),
            _admin_url("eig_reminderdelivery", cohort=cohort.pk, status__exact=DeliveryStatus.FAILED),
        ),
        (
            # The outbox knows no cohort: every e-mail that failed.
            "emails",
            OutboxEmail.objects.filter(status=DeliveryStatus.FAILED).count(),
            lambda n: ngettext(
                "%(count)d e-mail en échec (toutes promotions confondues)",
                "%(count)d e-mails en échec (toutes promotions confondues)",
                n,
            ),
            _admin_url("eig_outboxemail", status__exact=DeliveryStatus.FAILED),
        ),
    ]
    items = _reviews(cohort)
    items += [
        AttentionItem(label(count) % {"count": count, "days": days}, count, url, key)
        for key, count, label, url in counted
        if count
    ]
    return items
