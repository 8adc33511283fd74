import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from challenges import services
from challenges.models import ChallengeInvitation, ChallengeStatus, ChallengeTransition, ContactKind
from challenges.selectors import challenge_missing_items
from cohorts.profiles import Profile
from tests.challenges.factories import ChallengeFactory, MembershipFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

# Every (from, to) pair of the lifecycle: allowed or refused.
ALLOWED = {
    ("draft", "submitted"),
    ("draft", "withdrawn"),
    ("submitted", "draft"),
    ("submitted", "selected"),
    ("submitted", "not_selected"),
    ("submitted", "withdrawn"),
    ("selected", "not_selected"),
    ("selected", "withdrawn"),
    ("not_selected", "selected"),
    ("withdrawn", "draft"),
}
ALL_PAIRS = [(a, b) for a in ChallengeStatus.values for b in ChallengeStatus.values if a != b]


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_challenge_transition_allowed_or_refused(from_status, to_status):
    challenge = ChallengeFactory(status=from_status)
    staff = UserFactory(staff=True)

    if (from_status, to_status) in ALLOWED:
        services.challenge_transition(challenge=challenge, to_status=to_status, by=staff, note="ok")
        challenge.refresh_from_db()
        assert challenge.status == to_status
        assert list(ChallengeTransition.objects.values_list("from_status", "to_status", "by", "note")) == [
            (from_status, to_status, staff.pk, "ok")
        ]
    else:
        with pytest.raises(services.TransitionNotAllowed):
            services.challenge_transition(challenge=challenge, to_status=to_status, by=staff)
        challenge.refresh_from_db()
        assert challenge.status == from_status
        assert ChallengeTransition.objects.count() == 0


def test_challenge_create_makes_the_author_owner():
    membership = MembershipFactory()
    cohort = CohortFactory(phase="projects_call")

    challenge = services.challenge_create(
        cohort=cohort, administration=membership.administration, name="Lab Santé", by=membership.user
    )

    assert (challenge.status, list(challenge.owners.all())) == ("draft", [membership.user])


def test_challenge_create_refused_after_the_projects_call():
    cohort = CohortFactory(phase="challenge_selection")
    membership = MembershipFactory()

    with pytest.raises(ValidationError) as raised:
        services.challenge_create(
            cohort=cohort, administration=membership.administration, name="Trop tard", by=membership.user
        )

    assert raised.value.messages[0].startswith("L'appel à projets est clos : sa date limite était le ")


def test_challenge_submit_complete_before_deadline(django_capture_on_commit_callbacks, mailoutbox):
    owner = UserFactory(agent=True)
    staff = UserFactory(staff=True)
    challenge = ChallengeFactory(complete=True, owners=[owner], name="Prévisecours")

    with django_capture_on_commit_callbacks(execute=True):
        services.challenge_submit(challenge=challenge, by=owner)

    challenge.refresh_from_db()
    assert challenge.status == "submitted"
    assert challenge.submitted_at is not None
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == sorted(
        [
            (owner.email, "[EIG] Votre défi « Prévisecours » est déposé"),
            (staff.email, f"[EIG] Nouveau défi déposé : Prévisecours ({challenge.administration})"),
        ]
    )


def test_challenge_submit_refused_after_deadline_keeps_the_draft():
    owner = UserFactory(agent=True)
    challenge = ChallengeFactory(complete=True, owners=[owner], cohort=CohortFactory(phase="challenge_selection"))

    with pytest.raises(ValidationError) as raised:
        services.challenge_submit(challenge=challenge, by=owner)

    challenge.refresh_from_db()
    assert challenge.status == "draft"
    assert challenge.summary != ""
    assert raised.value.messages[0].startswith("L'appel à projets est clos : sa date limite était le ")


@pytest.mark.parametrize("count", [1, 4])
def test_challenge_submit_refused_without_two_or_three_positions(count):
    challenge = ChallengeFactory(complete=True, with_parts=False)
    for _ in range(count):
        PositionFactory(challenge=challenge, profile=Profile.DESIGNER)
    _add_contacts_and_team(challenge)

    with pytest.raises(ValidationError) as raised:
        services.challenge_submit(challenge=challenge, by=challenge.owners.get())

    assert raised.value.messages == [
        f"Le défi doit compter 2 ou 3 postes (il en compte {count}) ; pour un autre nombre, demandez une dérogation."
    ]
    challenge.refresh_from_db()
    assert challenge.status == "draft"


def test_challenge_submit_refused_without_sponsor():
    challenge = ChallengeFactory(complete=True)
    challenge.contacts.filter(kind=ContactKind.SPONSOR).delete()

    with pytest.raises(ValidationError) as raised:
        services.challenge_submit(challenge=challenge, by=challenge.owners.get())

    assert raised.value.messages == ["Il manque le ou la sponsor (mentor·e senior)."]


def test_challenge_missing_items_of_an_empty_draft_follow_the_form():
    challenge = ChallengeFactory(name="Vide")

    missing = challenge_missing_items(challenge)

    assert missing == [
        "Champ à remplir : Le problème en deux lignes.",
        "Champ à remplir : Contexte et problème.",
        "Champ à remplir : Solution envisagée, par des cas d'usage.",
        "Champ à remplir : Bénéfices attendus pour la politique publique.",
        "Champ à remplir : Solutions déjà envisagées.",
        "Champ à remplir : Obstacles.",
        "Champ à remplir : Données nécessaires.",
        "Champ à remplir : Les données sont-elles accessibles ?",
        "Champ à remplir : Enjeux juridiques et éthiques.",
        "Champ à remplir : Ouverture et suite du programme.",
        "Le défi doit compter 2 ou 3 postes (il en compte 0) ; pour un autre nombre, demandez une dérogation.",
        "Décrivez l'équipe projet (au moins une personne).",
        "Champ à remplir : Adresse du lieu de travail.",
        "Champ à remplir : Code postal.",
        "Champ à remplir : Ville.",
        "Il manque le ou la sponsor (mentor·e senior).",
        "Le défi doit avoir 1 ou 2 porteur·ses de projet.",
        "Il manque le contact ressources humaines.",
        "Il manque le contact financier.",
    ]


def test_challenges_decide_selects_and_tells_the_owners(django_capture_on_commit_callbacks, mailoutbox):
    staff = UserFactory(staff=True)
    cohort = CohortFactory(phase="challenge_selection")  # the challenge selection is open
    chosen = ChallengeFactory(cohort=cohort, submitted=True, name="Signaux Faibles")
    refused = ChallengeFactory(cohort=cohort, submitted=True, name="Hopkins")

    with django_capture_on_commit_callbacks(execute=True):
        services.challenges_decide(challenges=[chosen], selected=True, by=staff, without_evaluation_confirmed=True)
        services.challenges_decide(challenges=[refused], selected=False, by=staff, without_evaluation_confirmed=True)

    assert sorted(ChallengeTransition.objects.values_list("challenge__name", "to_status")) == [
        ("Hopkins", "not_selected"),
        ("Signaux Faibles", "selected"),
    ]
    assert sorted(m.subject for m in mailoutbox) == [
        "[EIG] Votre défi « Hopkins » n'est pas retenu",
        "[EIG] Votre défi « Signaux Faibles » est sélectionné",
    ]


def test_challenge_invitation_accepted_by_the_invited_address(django_capture_on_commit_callbacks, mailoutbox):
    owner = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[owner], name="ArchiFiltre")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.challenge_invite(challenge=challenge, email="Collegue@Example.org", by=owner)
    colleague = UserFactory(email="collegue@example.org")

    services.challenge_invitation_accept(invitation=invitation, user=colleague)

    assert set(challenge.owners.all()) == {owner, colleague}
    colleague.refresh_from_db()
    assert colleague.is_agent is True
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["collegue@example.org"], "[EIG] Invitation à porter le défi « ArchiFiltre »")
    ]
    assert invitation.token in mailoutbox[0].body


def test_challenge_invitation_refused_to_another_address():
    invitation = services.challenge_invite(
        challenge=ChallengeFactory(), email="collegue@example.org", by=UserFactory(agent=True)
    )

    with pytest.raises(PermissionDenied):
        services.challenge_invitation_accept(invitation=invitation, user=UserFactory(email="autre@example.org"))

    assert ChallengeInvitation.objects.get().accepted_at is None


def test_challenge_invitation_used_once():
    invitation = services.challenge_invite(
        challenge=ChallengeFactory(), email="collegue@example.org", by=UserFactory(agent=True)
    )
    colleague = UserFactory(email="collegue@example.org")
    services.challenge_invitation_accept(invitation=invitation, user=colleague)

    with pytest.raises(ValidationError) as raised:
        services.challenge_invitation_accept(invitation=invitation, user=colleague)

    assert raised.value.messages == ["Cette invitation a déjà été utilisée."]


def _add_contacts_and_team(challenge):
    from tests.challenges.factories import ContactFactory, TeamMemberFactory

    for kind in (ContactKind.SPONSOR, ContactKind.PROJECT_LEAD, ContactKind.HR, ContactKind.FINANCE):
        ContactFactory(challenge=challenge, kind=kind)
    TeamMemberFactory(challenge=challenge)
