"""The jury's pages of this part: accepting an invitation to sit on a jury (a link page, for people
without an account too), and a jury's proposal of another challenge for a candidate."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from auditions import services
from auditions.forms import ChallengeProposalForm
from auditions.models import ACTIVE_AUDITIONS, Audition, AuditionOrigin, JuryMember
from auditions.permissions import AUDITION_JURY, JURORS
from cohorts.windows import Step
from eig.adapters import home_url_for
from eig.gate import gate, gate_refusal
from eig.invitations import invitation_page

SECOND_FACTOR_FOR_JURORS = gettext_lazy(
    "Vous siégez désormais dans le jury. Un·e juré·e active l'authentification à deux facteurs avant de voir "
    "le moindre dossier : ajoutez-la maintenant."
)


def audition_get(audition_pk: int) -> Audition:
    return get_object_or_404(
        Audition.objects.select_related("application__candidate", "application__cohort", "challenge", "jury"),
        pk=audition_pk,
    )


def _after_seat_taken(request, member: JuryMember):
    """A juror without a second factor is sent to set it up first; the others to their space."""
    messages.success(request, _("Vous siégez désormais dans le jury « %(name)s ».") % {"name": member.jury.name})
    refusal = gate_refusal(request, JURORS, second_factor_message=str(SECOND_FACTOR_FOR_JURORS))
    return refusal or redirect(home_url_for(request.user) or "home")


def invitation_accept(request, token: str):
    """The invited person accepts their seat with a POST, signed in with the invited address (eig.invitations:
    anonymous visitors are sent to log in or sign up, and come back here)."""
    member = get_object_or_404(
        JuryMember.objects.select_related("jury__cohort", "invited_by").prefetch_related("jury__challenges"),
        token=token,
    )
    cohort = member.jury.cohort
    context = {
        "member": member,
        "jury": member.jury,
        "challenges": sorted(member.jury.challenges.all(), key=lambda challenge: challenge.name.lower()),
        "auditions": cohort.window(Step.AUDITIONS),
    }
    return invitation_page(
        request,
        email=member.email,
        accepted_at=member.accepted_at,
        template="auditions/jury/invitation.html",
        context=context,
        accepted_url=(request.user.is_authenticated and home_url_for(request.user)) or reverse("home"),
        accept=lambda: services.jury_member_accept(member=member, user=request.user),
        done=lambda accepted: _after_seat_taken(request, accepted),
    )


@gate(AUDITION_JURY, load=audition_get)
def challenge_propose(request, audition: Audition):
    """A juror of the audition's jury (or staff) proposes another challenge for the candidate."""
    form = ChallengeProposalForm(request.POST or None, audition=audition)
    if request.method == "POST" and form.is_valid():
        try:
            proposed = services.audition_jury_propose(
                audition=audition,
                challenge=form.cleaned_data["challenge"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("Proposition enregistrée : l'équipe du programme organisera l'audition pour le défi « %(name)s ».")
                % {"name": proposed.challenge.name},
            )
            return redirect("auditions:challenge_propose", audition_pk=audition.pk)
    title = _("Proposer un autre défi")
    return render(
        request,
        "auditions/jury/challenge_propose.html",
        {
            "audition": audition,
            "form": form,
            "page_title": title,
            "breadcrumb_data": {"current": title},
            "proposed": audition.application.auditions.filter(ACTIVE_AUDITIONS, origin=AuditionOrigin.JURY)
            .select_related("challenge", "proposed_by")
            .order_by("created_at"),
        },
    )
