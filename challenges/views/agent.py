"""The agents' pages: their administrations, their dashboard, creating a challenge, its read-only
page, submitting, withdrawing, inviting co-owners and accepting an invitation.

The challenge form's steps, its recap and submission are in challenges.views.agent_steps."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from challenges import services
from challenges.forms import (
    CHALLENGE_FORM,
    AdministrationJoinForm,
    AdministrationProposeForm,
    ChallengeCreateForm,
    InviteForm,
    MembershipDecisionForm,
    WithdrawForm,
)
from challenges.models import (
    AdministrationMembership,
    Challenge,
    ChallengeInvitation,
    ChallengeStatus,
    ChallengeTransition,
    ContactKind,
    MembershipStatus,
)
from challenges.permissions import (
    CHALLENGE_AUTHORS,
    CHALLENGE_OWNERS,
    CHALLENGE_READERS,
    MEMBERSHIP_DECIDERS,
    can_edit_challenge,
    can_invite_owner,
    can_withdraw_challenge,
    is_owner,
)
from challenges.selectors import (
    administrations_approved_for,
    challenge_missing_parts,
    challenges_owned,
    cohort_with_open_projects_call,
    membership_requests_for,
    memberships_of,
)
from cohorts.windows import Step
from eig.gate import gate
from eig.invitations import invitation_page
from eig.multistep import MissingItem, refusal_of

# Signed-in agents only (eig.gate: anonymous visitors go to the login page, other roles get 403).
agent_required = gate(CHALLENGE_AUTHORS)


def challenge_get(pk: int) -> Challenge:
    """A challenge with everything its pages read: cohort, administration, owners and the parts of the form."""
    queryset = Challenge.objects.select_related("cohort", "administration").prefetch_related(
        "owners", "positions", "contacts", "team_members"
    )
    return get_object_or_404(queryset, pk=pk)


def missing_items_with_steps(challenge: Challenge) -> list[MissingItem]:
    """What prevents submission, each linked to the step of the form where it is fixed."""
    return [
        CHALLENGE_FORM.missing_item(item.part, item.message, pk=challenge.pk)
        for item in challenge_missing_parts(challenge)
    ]


def closed_message(challenge: Challenge) -> str:
    """The service's reason why the challenge cannot be saved nor submitted now (already submitted, or
    the projects call is closed, with its date in Paris time), or an empty string."""
    return refusal_of(lambda: services.challenge_check_editable(challenge=challenge))


def deadline_context(challenge: Challenge) -> dict:
    """What the deadline alert of a draft shows (templates/_partials/multistep/_deadline.html): the projects
    call's deadline, or that it is closed."""
    cohort = challenge.cohort
    window = cohort.window(Step.PROJECTS_CALL)
    closed = (
        ""
        if window.is_open()
        else _(
            "L'appel à projets de la promotion %(name)s est clos : sa date limite était le %(date)s. Les défis ne "
            "peuvent plus être modifiés ni déposés."
        )
        % {"name": cohort.name, "date": window.deadline_display}
    )
    return {"deadline": window.deadline_display, "deadline_closed": closed}


# Contacts in the order of the form: sponsor, project leads, HR, finance.
CONTACT_ORDER = [ContactKind.SPONSOR, ContactKind.PROJECT_LEAD, ContactKind.HR, ContactKind.FINANCE]


def challenge_sections(challenge: Challenge) -> list[dict]:
    """The challenge's content step by step, for the read-only pages: each step's texts (label and
    value, and whether it is Markdown) and its contacts in the form's order (reads the prefetched contacts)."""
    contacts = sorted(challenge.contacts.all(), key=lambda contact: (CONTACT_ORDER.index(contact.kind), contact.pk))
    sections = []
    for step in CHALLENGE_FORM.steps:
        if step.is_recap:
            continue
        fields = []
        long_texts = step.markdown_fields
        for name in step.fields:
            if name == "name":
                continue
            model_field = Challenge._meta.get_field(name)
            value = getattr(challenge, f"get_{name}_display")() if model_field.choices else getattr(challenge, name)
            fields.append({"label": model_field.verbose_name, "value": value, "markdown": name in long_texts})
        sections.append({"step": step, "fields": fields, "contacts": contacts if "contacts" in step.lists else []})
    return sections


# --- Administrations -----------------------------------------------------------------------------


@agent_required
def administration(request):
    """The agent's administrations and the state of each membership; the requests to join theirs,
    to answer; asking to join a listed one, or proposing a new one (staff confirm it)."""
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    join_form = AdministrationJoinForm(request.POST if action == "join" else None, user=user, prefix="join")
    propose_form = AdministrationProposeForm(request.POST if action == "propose" else None, prefix="propose")
    if action == "join" and join_form.is_valid():
        joined = join_form.cleaned_data["administration"]
        try:
            services.administration_join(user=user, administration=joined)
        except ValidationError as error:
            join_form.add_error("administration", error)
        else:
            messages.success(
                request,
                _(
                    "Votre demande de rattachement à %(name)s est envoyée : vous pourrez y créer un défi dès qu'un de "
                    "ses membres ou l'équipe du programme l'aura acceptée."
                )
                % {"name": joined},
            )
            return redirect("challenges:administration")
    if action == "propose" and propose_form.is_valid():
        proposed = services.administration_propose(user=user, **propose_form.cleaned_data)
        messages.success(
            request,
            _("%(name)s est proposée : l'équipe du programme la confirmera. Vous pouvez déjà y préparer un défi.")
            % {"name": proposed},
        )
        return redirect("challenges:administration")
    memberships = list(memberships_of(user))
    return render(
        request,
        "challenges/agent/administration.html",
        {
            "memberships": memberships,
            "can_create": any(membership.status == MembershipStatus.APPROVED for membership in memberships),
            "membership_requests": membership_requests_for(user),
            "join_form": join_form,
            "propose_form": propose_form,
            "open_cohort": cohort_with_open_projects_call(),
        },
    )


def membership_get(pk: int) -> AdministrationMembership:
    return get_object_or_404(AdministrationMembership.objects.select_related("user", "administration"), pk=pk)


@gate(MEMBERSHIP_DECIDERS, load=membership_get)
@require_POST
def membership_decide(request, membership: AdministrationMembership):
    """An approved member of the administration accepts or declines a colleague's request to join it."""
    form = MembershipDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez d'accepter ou de refuser la demande."))
        return redirect("challenges:administration")
    try:
        services.administration_membership_decide(membership=membership, approved=form.approved, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = (
            _(
                "Vous avez accepté la demande de %(agent)s : cette personne peut désormais proposer des défis "
                "au nom de %(name)s."
            )
            if form.approved
            else _("Vous avez refusé la demande de %(agent)s de se rattacher à %(name)s.")
        )
        messages.success(request, done % {"agent": membership.user, "name": membership.administration})
    return redirect("challenges:administration")


# --- Dashboard and creation ----------------------------------------------------------------------


@agent_required
def dashboard(request):
    """The agent's home: their challenges, status, what is missing (while the projects call is open), the
    deadline; a way to create one."""
    rows = []
    for challenge in challenges_owned(request.user):
        reason = closed_message(challenge) if challenge.status == ChallengeStatus.DRAFT else ""
        missing = (
            missing_items_with_steps(challenge) if challenge.status == ChallengeStatus.DRAFT and not reason else []
        )
        rows.append({"challenge": challenge, "missing": missing, "closed_message": reason})
    return render(
        request,
        "challenges/agent/dashboard.html",
        {"rows": rows, "open_cohort": cohort_with_open_projects_call()},
    )


@agent_required
def create(request):
    """A new draft (name and administration), in the cohort whose projects call is open."""
    cohort = cohort_with_open_projects_call()
    if cohort is None:
        messages.info(request, _("Aucun appel à projets n'est ouvert pour le moment : impossible de créer un défi."))
        return redirect("challenges:dashboard")
    administrations = administrations_approved_for(request.user)
    if not administrations.exists():
        if memberships_of(request.user).filter(status=MembershipStatus.PENDING).exists():
            messages.info(
                request,
                _(
                    "Votre demande de rattachement attend l'accord d'un membre de l'administration ou de l'équipe "
                    "du programme : vous pourrez créer un défi une fois acceptée."
                ),
            )
        else:
            messages.info(request, _("Rattachez-vous d'abord à votre administration pour créer un défi."))
        return redirect("challenges:administration")
    form = ChallengeCreateForm(request.POST or None, administrations=administrations, cohort=cohort)
    if form.is_valid():
        try:
            challenge = services.challenge_create(cohort=cohort, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Le brouillon est créé : complétez-le étape par étape."))
            return redirect("challenges:edit", pk=challenge.pk, step=1)
    return render(request, "challenges/agent/create.html", {"form": form, "cohort": cohort})


# --- One challenge -------------------------------------------------------------------------------


@gate(CHALLENGE_READERS, load=challenge_get)
def detail(request, challenge: Challenge):
    """Everything about a challenge, read-only, with the actions its owner may take."""
    user = request.user
    owner = is_owner(user, challenge)
    draft = challenge.status == ChallengeStatus.DRAFT
    call_closed = draft and bool(closed_message(challenge))
    transitions = ChallengeTransition.objects.filter(challenge=challenge).select_related("by").order_by("at", "id")
    invitations = ChallengeInvitation.objects.filter(challenge=challenge, accepted_at__isnull=True).order_by("email")
    return render(
        request,
        "challenges/agent/detail.html",
        {
            "challenge": challenge,
            "sections": challenge_sections(challenge),
            "steps_count": len(CHALLENGE_FORM.steps),
            # Past the deadline, nothing is left to complete: the deadline's alert says the call is closed.
            "missing": missing_items_with_steps(challenge) if draft and not call_closed else [],
            "transitions": transitions,
            "invitations": invitations if owner else [],
            "can_edit": can_edit_challenge(user, challenge) and not call_closed,
            "can_withdraw": can_withdraw_challenge(user, challenge),
            "can_invite": can_invite_owner(user, challenge),
            "invite_form": InviteForm(),
            **deadline_context(challenge),
        },
    )


@gate(CHALLENGE_OWNERS, load=challenge_get)
def withdraw(request, challenge: Challenge):
    """Withdraw the challenge from the projects call, after a confirmation page."""
    if not can_withdraw_challenge(request.user, challenge):
        messages.error(request, _("Ce défi ne peut plus être retiré."))
        return redirect("challenges:detail", pk=challenge.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_withdraw(challenge=challenge, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Le défi est retiré de l'appel à projets."))
            return redirect("challenges:detail", pk=challenge.pk)
    return render(request, "challenges/agent/withdraw.html", {"challenge": challenge, "form": form})


@gate(CHALLENGE_OWNERS, load=challenge_get)
def invite(request, challenge: Challenge):
    """Invite a colleague by e-mail to co-own the challenge."""
    if not can_invite_owner(request.user, challenge):
        messages.error(request, _("Ce défi est retiré : personne ne peut plus y être invité."))
        return redirect("challenges:detail", pk=challenge.pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.challenge_invite(
                challenge=challenge, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            form.add_error("email", error.messages)
        else:
            messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email})
            return redirect("challenges:detail", pk=challenge.pk)
    return render(request, "challenges/agent/invite.html", {"challenge": challenge, "form": form})


def invitation_accept(request, token: str):
    """The invited person accepts with a POST, logged in with the invited address. A visitor without
    an account is sent to sign up (with an account, to log in) and comes back here afterwards
    (eig.invitations)."""
    invitation = get_object_or_404(
        ChallengeInvitation.objects.select_related("challenge__administration", "challenge__cohort", "invited_by"),
        token=token,
    )

    def done(challenge):
        messages.success(request, _("Vous portez désormais le défi « %(name)s ».") % {"name": challenge.name})
        return redirect("challenges:detail", pk=challenge.pk)

    return invitation_page(
        request,
        email=invitation.email,
        accepted_at=invitation.accepted_at,
        template="challenges/agent/invitation.html",
        context={"invitation": invitation, "challenge": invitation.challenge},
        accepted_url=reverse("challenges:detail", args=[invitation.challenge.pk]),
        accept=lambda: services.challenge_invitation_accept(invitation=invitation, user=request.user),
        done=done,
    )
