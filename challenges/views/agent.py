"""The agents' pages: their administrations, their dashboard, creating a challenge, its read-only
page, submitting, withdrawing, inviting co-owners and accepting an invitation.

The challenge form's steps, its recap and submission are in challenges.views.agent_steps."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from challenges import services
from challenges.forms import (
    STEPS,
    AdministrationJoinForm,
    AdministrationProposeForm,
    ChallengeCreateForm,
    InviteForm,
    WithdrawForm,
    step_for_part,
)
from challenges.models import Challenge, ChallengeInvitation, ChallengeStatus, ChallengeTransition, ContactKind
from challenges.permissions import (
    CHALLENGE_AUTHORS,
    CHALLENGE_OWNERS,
    CHALLENGE_READERS,
    can_accept_invitation,
    can_edit_challenge,
    can_invite_owner,
    can_withdraw_challenge,
    is_owner,
)
from challenges.selectors import challenge_missing_parts, challenges_owned, cohort_with_open_projects_call
from eig.adapters import remember_next_after_login
from eig.gate import gate
from eig.models import User

# Signed-in agents only (eig.gate: anonymous visitors go to the login page, other roles get 403).
agent_required = gate(CHALLENGE_AUTHORS)


def challenge_get(pk: int) -> Challenge:
    """A challenge with everything its pages read: cohort, administration, owners and the parts of the form."""
    queryset = Challenge.objects.select_related("cohort", "administration").prefetch_related(
        "owners", "positions", "contacts", "team_members"
    )
    return get_object_or_404(queryset, pk=pk)


def missing_items_with_steps(challenge: Challenge) -> list[dict]:
    """What prevents submission, each with the step of the form where it is fixed."""
    return [{"message": item.message, "step": step_for_part(item.part)} for item in challenge_missing_parts(challenge)]


def closed_message(challenge: Challenge) -> str:
    """The service's reason why the challenge cannot be saved nor submitted now (already submitted, or
    the projects call is closed, with its date in Paris time), or an empty string."""
    try:
        services.challenge_check_editable(challenge=challenge)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


# Contacts in the order of the form: sponsor, project leads, HR, finance.
CONTACT_ORDER = [ContactKind.SPONSOR, ContactKind.PROJECT_LEAD, ContactKind.HR, ContactKind.FINANCE]


def challenge_sections(challenge: Challenge) -> list[dict]:
    """The challenge's content step by step, for the read-only pages: each step's texts (label and
    value) and its contacts in the form's order (reads the prefetched contacts)."""
    contacts = sorted(challenge.contacts.all(), key=lambda contact: (CONTACT_ORDER.index(contact.kind), contact.pk))
    sections = []
    for step in STEPS:
        if step.is_recap:
            continue
        fields = []
        for name in step.fields_form._meta.fields if step.fields_form else []:
            if name == "name":
                continue
            model_field = Challenge._meta.get_field(name)
            value = getattr(challenge, f"get_{name}_display")() if model_field.choices else getattr(challenge, name)
            fields.append({"label": model_field.verbose_name, "value": value})
        sections.append({"step": step, "fields": fields, "contacts": contacts if "contacts" in step.lists else []})
    return sections


# --- Administrations -----------------------------------------------------------------------------


@agent_required
def administration(request):
    """The agent's administrations; attach to a listed one or propose a new one (staff confirm it)."""
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    join_form = AdministrationJoinForm(request.POST if action == "join" else None, user=user, prefix="join")
    propose_form = AdministrationProposeForm(request.POST if action == "propose" else None, prefix="propose")
    if action == "join" and join_form.is_valid():
        joined = join_form.cleaned_data["administration"]
        services.administration_join(user=user, administration=joined)
        messages.success(request, _("Vous êtes rattaché·e à %(name)s.") % {"name": joined})
        return redirect("challenges:administration")
    if action == "propose" and propose_form.is_valid():
        proposed = services.administration_propose(user=user, **propose_form.cleaned_data)
        messages.success(
            request,
            _("%(name)s est proposée : l'équipe du programme la confirmera. Vous pouvez déjà y préparer un défi.")
            % {"name": proposed},
        )
        return redirect("challenges:administration")
    return render(
        request,
        "challenges/agent/administration.html",
        {
            "administrations": user.administrations.order_by("name"),
            "join_form": join_form,
            "propose_form": propose_form,
            "open_cohort": cohort_with_open_projects_call(),
        },
    )


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
    administrations = request.user.administrations.order_by("name")
    if not administrations.exists():
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
            "steps_count": len(STEPS),
            # Past the deadline, nothing is left to complete: the deadline's alert says the call is closed.
            "missing": missing_items_with_steps(challenge) if draft and not call_closed else [],
            "transitions": transitions,
            "invitations": invitations if owner else [],
            "can_edit": can_edit_challenge(user, challenge) and not call_closed,
            "can_withdraw": can_withdraw_challenge(user, challenge),
            "can_invite": can_invite_owner(user, challenge),
            "invite_form": InviteForm(),
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
    an account is sent to sign up (with an account, to log in) and comes back here afterwards."""
    invitation = get_object_or_404(
        ChallengeInvitation.objects.select_related("challenge__administration", "challenge__cohort", "invited_by"),
        token=token,
    )
    if not request.user.is_authenticated:
        here = request.get_full_path()
        remember_next_after_login(request, here)
        has_account = User.objects.filter(email__iexact=invitation.email).exists()
        return redirect_to_login(here, reverse("account_login" if has_account else "account_signup"))
    context = {"invitation": invitation, "challenge": invitation.challenge}
    if not can_accept_invitation(request.user, invitation):
        context["error"] = _("Cette invitation a été envoyée à une autre adresse e-mail.")
        return render(request, "challenges/agent/invitation.html", context, status=403)
    if invitation.accepted_at is not None:
        messages.info(request, _("Vous avez déjà accepté cette invitation."))
        return redirect("challenges:detail", pk=invitation.challenge.pk)
    if request.method == "POST":
        try:
            challenge = services.challenge_invitation_accept(invitation=invitation, user=request.user)
        except (PermissionDenied, ValidationError) as error:
            context["error"] = " ".join(getattr(error, "messages", None) or [str(error)])
            return render(request, "challenges/agent/invitation.html", context, status=403)
        messages.success(request, _("Vous portez désormais le défi « %(name)s ».") % {"name": challenge.name})
        return redirect("challenges:detail", pk=challenge.pk)
    return render(request, "challenges/agent/invitation.html", context)
