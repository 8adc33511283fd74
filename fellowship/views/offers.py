"""The offers' pages (docs/fellowship.md « Offers »): the candidate's « Mes offres » with their answer
(accept, or decline with an optional reason, each after a confirmation page) and their places on the
waiting lists; staff's page of a cohort's offers, where they withdraw an offer and pause or resume a
waiting list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from applications.models import Application
from challenges.models import Challenge
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.gate import CANDIDATES, PROGRAMME_STAFF, gate
from fellowship.emails_offers import offer_mentors
from fellowship.forms_offers import DeclineForm, PauseForm, WithdrawForm
from fellowship.models import OfferStatus
from fellowship.offers import (
    answer_refusal,
    offer_accept,
    offer_decline,
    offer_withdraw,
    waiting_list_pause,
    waiting_list_resume,
)
from fellowship.permissions_offers import OFFER_PERSON
from fellowship.selectors_offers import cohort_offers_page, time_left
from fellowship.waiting import offers_with_details, waiting_position


def offer_get(pk: int):
    return get_object_or_404(offers_with_details(), pk=pk)


def cohort_get(cohort_pk: int) -> Cohort:
    return get_object_or_404(Cohort, pk=cohort_pk)


def waiting_list_get(challenge_pk: int, profile: str) -> tuple[Challenge, str]:
    if profile not in Profile.values:
        raise Http404
    return get_object_or_404(Challenge.objects.select_related("cohort"), pk=challenge_pk), profile


def _details(offer, now):
    offer.mentors = offer_mentors(offer.position.challenge)
    offer.answerable = (
        offer.status == OfferStatus.OPEN and answer_refusal(offer, offer.application.candidate, now) is None
    )
    offer.time_left = time_left(offer.answer_by, now) if offer.answerable else ""
    return offer


# --- The candidate ------------------------------------------------------------------------------------


def _breadcrumb(current: str, *, with_offers: bool = False) -> dict:
    links = [{"url": reverse("applications:space"), "title": _("Ma candidature")}]
    if with_offers:
        links.append({"url": reverse("fellowship:my_offers"), "title": _("Mes offres")})
    return {"links": links, "current": current}


@never_cache
@gate(CANDIDATES)
def my_offers(request):
    """The candidate's offers (open ones to answer, then the history) and their waiting lists."""
    now = timezone.now()
    offers = [
        _details(offer, now)
        for offer in offers_with_details().filter(application__candidate=request.user).order_by("-sent_at", "-pk")
    ]
    waiting = []
    for application in Application.objects.filter(candidate=request.user).order_by("-cohort__number"):
        waiting += waiting_position(application)
    context = {
        "page_title": _("Mes offres"),
        "breadcrumb_data": _breadcrumb(_("Mes offres")),
        "open_offers": [offer for offer in offers if offer.status == OfferStatus.OPEN],
        "past_offers": [offer for offer in offers if offer.status != OfferStatus.OPEN],
        "waiting": waiting,
    }
    return render(request, "fellowship/offers/mine.html", context)


def _answer_page(request, offer, *, template: str, title: str, form=None, status: int = 200):
    now = timezone.now()
    context = {
        "page_title": title,
        "breadcrumb_data": _breadcrumb(title, with_offers=True),
        "offer": _details(offer, now),
        "refusal": answer_refusal(offer, request.user, now),
        "form": form,
    }
    return render(request, template, context, status=status)


@never_cache
@gate(OFFER_PERSON, load=offer_get)
def offer_accept_view(request, offer):
    """GET: the confirmation page; POST: the offer is accepted."""
    title = _("Accepter l'offre")
    if request.method != "POST":
        return _answer_page(request, offer, template="fellowship/offers/accept.html", title=title)
    try:
        offer_accept(offer=offer, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("fellowship:my_offers")
    messages.success(
        request,
        _(
            "Félicitations : vous avez accepté l'offre du défi %(challenge)s. "
            "L'équipe du programme vous écrira pour la suite."
        )
        % {"challenge": offer.position.challenge.name},
    )
    return redirect("fellowship:my_offers")


@never_cache
@gate(OFFER_PERSON, load=offer_get)
def offer_decline_view(request, offer):
    """GET: the confirmation page with the optional reason; POST: the offer is declined."""
    title = _("Refuser l'offre")
    template = "fellowship/offers/decline.html"
    if request.method != "POST":
        return _answer_page(request, offer, template=template, title=title, form=DeclineForm())
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _answer_page(request, offer, template=template, title=title, form=form, status=400)
    try:
        offer_decline(offer=offer, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        form.add_error(None, error)
        return _answer_page(request, offer, template=template, title=title, form=form, status=400)
    messages.success(
        request,
        _("Vous avez refusé l'offre du défi %(challenge)s. Merci de nous avoir répondu.")
        % {"challenge": offer.position.challenge.name},
    )
    return redirect("fellowship:my_offers")


# --- Staff ---------------------------------------------------------------------------------------------


def _staff_page(request, cohort, *, invalid=None, status: int = 200):
    """The cohort's offers; `invalid`: a bound form that failed (its prefix names its offer or list)."""
    page = cohort_offers_page(cohort, timezone.now())
    for offer in page.open_offers:
        prefix = f"withdraw-{offer.pk}"
        offer.withdraw_form = (
            invalid if invalid is not None and invalid.prefix == prefix else WithdrawForm(prefix=prefix)
        )
    for waiting_list in page.lists:
        prefix = f"pause-{waiting_list.slug}"
        waiting_list.pause_form = (
            invalid if invalid is not None and invalid.prefix == prefix else PauseForm(prefix=prefix)
        )
    title = _("Offres de la promotion %(cohort)s") % {"cohort": cohort.name}
    context = {
        "page_title": title,
        "breadcrumb_data": {"current": title},
        "cohort": cohort,
        "page": page,
    }
    return render(request, "fellowship/offers/staff.html", context, status=status)


@never_cache
@gate(PROGRAMME_STAFF, load=cohort_get)
def cohort_offers(request, cohort):
    """Staff's view of the cohort's offers and waiting lists."""
    return _staff_page(request, cohort)


@gate(PROGRAMME_STAFF, load=offer_get)
@require_POST
def offer_withdraw_view(request, offer):
    """« Retirer » an open offer, with the reason told to its person."""
    cohort = offer.application.cohort
    form = WithdrawForm(request.POST, prefix=f"withdraw-{offer.pk}")
    if form.is_valid():
        try:
            offer_withdraw(offer=offer, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        return _staff_page(request, cohort, invalid=form, status=400)
    messages.success(
        request,
        _("L'offre faite à %(person)s est retirée.") % {"person": offer.application.candidate},
    )
    return redirect("fellowship:cohort_offers", cohort.pk)


@gate(PROGRAMME_STAFF, load=waiting_list_get)
@require_POST
def waiting_list_pause_view(request, waiting_list):
    challenge, profile = waiting_list
    form = PauseForm(request.POST, prefix=f"pause-{challenge.pk}-{profile}")
    if form.is_valid():
        try:
            waiting_list_pause(
                challenge=challenge, profile=profile, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        return _staff_page(request, challenge.cohort, invalid=form, status=400)
    messages.success(request, _("La liste est en pause : les postes libérés attendent sa reprise."))
    return redirect("fellowship:cohort_offers", challenge.cohort_id)


@gate(PROGRAMME_STAFF, load=waiting_list_get)
@require_POST
def waiting_list_resume_view(request, waiting_list):
    challenge, profile = waiting_list
    try:
        made = waiting_list_resume(challenge=challenge, profile=profile, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "La liste reprend : %(count)s offre envoyée.",
                "La liste reprend : %(count)s offres envoyées.",
                len(made),
            )
            % {"count": len(made)},
        )
    return redirect("fellowship:cohort_offers", challenge.cohort_id)
