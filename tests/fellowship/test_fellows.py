"""Fellows and mentors: an accepted offer makes a fellow with their two mentors from the challenge's contacts
(two project leads share the team), each new mentor invited by e-mail with a link whose token's digest only
is stored; the invitation is accepted by the invited address only; the consent to the public page; the HR
export of the contracts."""

import csv
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from challenges.models import ContactKind
from cohorts.profiles import Profile
from eig.models import OutboxEmail
from fellowship.fellows import fellow_from_offer, fellow_visibility_set, hr_export_rows, mentor_accept, mentor_invite
from fellowship.models import Fellow, Mentor, MentorKind
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, ContactFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.fellowship.factories import FellowFactory, MentorFactory
from tests.fellowship.teams import accepted_offer, challenge_with_contacts, contract_dates

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def cohort():
    return CohortFactory(phase="acceptance", name="EIG 12", number=12)


def link_token(email: OutboxEmail) -> str:
    return email.body.split("/promotion/mentorat/invitation/")[1].split("/")[0]


# --- fellow_from_offer -------------------------------------------------------------------------------------


def test_an_accepted_offer_makes_a_fellow_with_the_sponsor_and_the_project_lead_as_mentors(cohort):
    challenge = challenge_with_contacts(cohort)
    offer = accepted_offer(challenge)

    fellow = fellow_from_offer(offer=offer)

    fellow.refresh_from_db()
    user = offer.application.candidate
    user.refresh_from_db()
    assert (fellow.cohort, fellow.user, fellow.application, fellow.position, fellow.challenge) == (
        cohort,
        user,
        offer.application,
        offer.position,
        challenge,
    )
    assert (fellow.starts_on, fellow.ends_on) == contract_dates(cohort)
    assert user.is_fellow is True
    assert (fellow.operational_mentor.name, fellow.operational_mentor.kind, fellow.operational_mentor.email) == (
        "Porteur 1",
        MentorKind.OPERATIONAL,
        "lead1@mer.gouv.fr",
    )
    assert (fellow.senior_mentor.name, fellow.senior_mentor.kind, fellow.senior_mentor.email) == (
        "Hélène Sponsor",
        MentorKind.SENIOR,
        "sponsor@mer.gouv.fr",
    )
    assert sorted(Mentor.objects.values_list("email", flat=True)) == ["lead1@mer.gouv.fr", "sponsor@mer.gouv.fr"]


def test_each_new_mentor_is_invited_by_email_with_the_link(cohort):
    challenge = challenge_with_contacts(cohort)

    fellow = fellow_from_offer(offer=accepted_offer(challenge))

    emails = {email.to[0]: email for email in OutboxEmail.objects.all()}
    assert sorted(emails) == ["lead1@mer.gouv.fr", "sponsor@mer.gouv.fr"]
    senior = emails["sponsor@mer.gouv.fr"]
    token = link_token(senior)
    assert senior.subject == "[EIG] Invitation à mentorer l'équipe du défi « Signaux Faibles » (EIG 12)"
    assert senior.body.startswith(
        "Bonjour Hélène Sponsor,\n\nDes entrepreneur·es d'intérêt général de la promotion EIG 12 rejoignent "
        "l'équipe du défi « Signaux Faibles », dont vous êtes Mentor·e senior.\n"
    )
    assert f"{SITE}{reverse('fellowship:mentor_invitation', args=[token])}" in senior.body
    fellow.senior_mentor.refresh_from_db()
    assert fellow.senior_mentor.token_digest == hashlib.sha256(token.encode()).hexdigest()
    assert fellow.senior_mentor.invited_at is not None


def test_the_second_fellow_keeps_the_mentors_and_invites_nobody_again(cohort):
    challenge = challenge_with_contacts(cohort)
    first = fellow_from_offer(offer=accepted_offer(challenge))
    OutboxEmail.objects.all().delete()

    second = fellow_from_offer(offer=accepted_offer(challenge, Profile.DATA_SCIENTIST))

    assert (second.operational_mentor, second.senior_mentor) == (first.operational_mentor, first.senior_mentor)
    assert (Mentor.objects.count(), OutboxEmail.objects.count()) == (2, 0)


def test_two_project_leads_share_the_team(cohort):
    challenge = challenge_with_contacts(cohort, leads=2)
    offers = [
        accepted_offer(challenge, profile) for profile in (Profile.DEVELOPER, Profile.DATA_SCIENTIST, Profile.DESIGNER)
    ]

    fellows = [fellow_from_offer(offer=offer) for offer in offers]

    assert [fellow.operational_mentor.name for fellow in fellows] == ["Porteur 1", "Porteur 2", "Porteur 1"]
    assert {fellow.senior_mentor.name for fellow in fellows} == {"Hélène Sponsor"}
    assert sorted(email.to[0] for email in OutboxEmail.objects.all()) == [
        "lead1@mer.gouv.fr",
        "lead2@mer.gouv.fr",
        "sponsor@mer.gouv.fr",
    ]


def test_fellow_from_offer_twice_returns_the_same_fellow(cohort):
    offer = accepted_offer(challenge_with_contacts(cohort))
    first = fellow_from_offer(offer=offer)

    again = fellow_from_offer(offer=offer)

    assert (again, Fellow.objects.count(), Mentor.objects.count(), OutboxEmail.objects.count()) == (first, 1, 2, 2)


def test_a_challenge_without_contacts_makes_a_fellow_without_mentors(cohort):
    challenge = ChallengeFactory(cohort=cohort, selected=True, with_parts=False)

    fellow = fellow_from_offer(offer=accepted_offer(challenge))

    assert (fellow.operational_mentor, fellow.senior_mentor, OutboxEmail.objects.count()) == (None, None, 0)


def test_a_sponsor_also_project_lead_is_one_mentor_of_both_kinds(cohort):
    challenge = ChallengeFactory(cohort=cohort, selected=True, with_parts=False)
    for kind in (ContactKind.PROJECT_LEAD, ContactKind.SPONSOR):
        ContactFactory(challenge=challenge, kind=kind, email="seule@mer.gouv.fr")

    fellow = fellow_from_offer(offer=accepted_offer(challenge))

    assert fellow.operational_mentor == fellow.senior_mentor
    assert (Mentor.objects.count(), OutboxEmail.objects.count()) == (1, 1)


# --- Invitations ---------------------------------------------------------------------------------------------


def pending_mentor(email="mentor@mer.gouv.fr") -> Mentor:
    return MentorFactory(email=email, user=None, invited_at=None, accepted_at=None, kind=MentorKind.SENIOR)


def test_sending_again_makes_a_new_token_and_kills_the_old_link(client):
    mentor = pending_mentor()
    mentor_invite(mentor=mentor)
    first = link_token(OutboxEmail.objects.get())
    OutboxEmail.objects.all().delete()

    mentor_invite(mentor=mentor, by=UserFactory(staff=True))

    second = link_token(OutboxEmail.objects.get())
    mentor.refresh_from_db()
    assert first != second
    assert mentor.token_digest == hashlib.sha256(second.encode()).hexdigest()
    assert Mentor.objects.filter(token_digest__in=[first, second]).count() == 0
    client.force_login(UserFactory(email="mentor@mer.gouv.fr"))
    assert client.get(reverse("fellowship:mentor_invitation", args=[first])).status_code == 404
    assert client.get(reverse("fellowship:mentor_invitation", args=[second])).status_code == 200


def test_an_accepted_invitation_is_not_sent_again():
    mentor = MentorFactory(email="mentor@mer.gouv.fr")

    with pytest.raises(ValidationError) as error:
        mentor_invite(mentor=mentor)

    assert error.value.messages == [
        "mentor@mer.gouv.fr a déjà rejoint la plateforme : l'invitation ne peut plus être envoyée."
    ]


def test_accepting_names_the_account_and_gives_the_mentor_role():
    mentor = pending_mentor()
    user = UserFactory(agent=True, email="Mentor@Mer.gouv.fr")

    mentor_accept(mentor=mentor, user=user)

    mentor.refresh_from_db()
    user.refresh_from_db()
    assert (mentor.user, mentor.accepted_at is not None, user.is_mentor) == (user, True, True)


def test_accepting_is_refused_to_another_address_and_once_used():
    mentor = pending_mentor()
    user = UserFactory(email="mentor@mer.gouv.fr")

    with pytest.raises(PermissionDenied) as other:
        mentor_accept(mentor=mentor, user=UserFactory(email="autre@example.org"))
    mentor_accept(mentor=mentor, user=user)
    with pytest.raises(ValidationError) as used:
        mentor_accept(mentor=mentor, user=user)

    assert str(other.value) == "Cette invitation a été envoyée à une autre adresse e-mail."
    assert used.value.messages == ["Cette invitation a déjà été utilisée."]


def test_the_invitation_page_refuses_another_address_with_403_and_changes_nothing(client):
    mentor = pending_mentor()
    mentor_invite(mentor=mentor)
    token = link_token(OutboxEmail.objects.get())
    client.force_login(UserFactory(email="autre@example.org"))

    response = client.post(reverse("fellowship:mentor_invitation", args=[token]))

    mentor.refresh_from_db()
    assert response.status_code == 403
    assert "Cette invitation a été envoyée à une autre adresse e-mail." in response.content.decode()
    assert (mentor.user, mentor.accepted_at) == (None, None)


def test_the_invitation_page_sends_a_visitor_to_sign_up_then_back(client):
    mentor = pending_mentor()
    mentor_invite(mentor=mentor)
    url = reverse("fellowship:mentor_invitation", args=[link_token(OutboxEmail.objects.get())])

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"{reverse('account_signup')}?next={url}")


def test_accepting_on_the_page_lands_on_the_mentors_space(client):
    mentor = pending_mentor()
    mentor_invite(mentor=mentor)
    url = reverse("fellowship:mentor_invitation", args=[link_token(OutboxEmail.objects.get())])
    user = UserFactory(agent=True, email="mentor@mer.gouv.fr")
    client.force_login(user)

    response = client.post(url)
    again = client.get(url)

    mentor.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, reverse("fellowship:mentoring"))
    assert (again.status_code, again["Location"]) == (302, reverse("fellowship:mentoring"))
    assert mentor.user == user


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("fellowship:mentor_invitation", args=["inconnu"])).status_code == 404


# --- Consent to the public page ------------------------------------------------------------------------------


def test_the_fellow_agrees_then_takes_back_their_consent():
    fellow = FellowFactory()

    fellow_visibility_set(fellow=fellow, public=True)
    agreed = Fellow.objects.get(pk=fellow.pk).public
    fellow_visibility_set(fellow=fellow, public=False)

    assert (agreed, Fellow.objects.get(pk=fellow.pk).public) == (True, False)


# --- The HR export -------------------------------------------------------------------------------------------


def hr_world(cohort):
    """Two administrations: the sea's challenge with a junior developer and a senior data scientist, the
    health agency's with one designer."""
    sea = challenge_with_contacts(cohort)
    health = challenge_with_contacts(
        cohort, name="Lab Santé", administration=AdministrationFactory(name="Agence du numérique en santé")
    )
    offers = [
        accepted_offer(sea, Profile.DEVELOPER, first_name="Zoé", last_name="Martin", email="zoe@example.org"),
        accepted_offer(sea, Profile.DATA_SCIENTIST, first_name="Ali", last_name="Bensaïd", email="ali@example.org"),
        accepted_offer(health, Profile.DESIGNER, first_name="Léa", last_name="Dupont", email="lea@example.org"),
    ]
    offers[1].senior, offers[1].monthly_salary = True, 4000
    offers[1].save()
    return [fellow_from_offer(offer=offer) for offer in offers]


HEADER = [
    "Administration d'accueil",
    "Nom",
    "Prénom",
    "Adresse e-mail",
    "Profil",
    "Ancienneté",
    "Salaire net mensuel (€)",
    "Défi",
    "Poste",
    "Début du contrat",
    "Fin du contrat",
    "Mentor·e opérationnel·le",
    "Mentor·e senior",
]
MISSION = "Construire l'outil de détection"
SEA_MENTORS = ["Porteur 1 <lead1@mer.gouv.fr>", "Hélène Sponsor <sponsor@mer.gouv.fr>"]


def expected_rows(cohort, salary=int) -> list[list]:
    junior, senior = "Junior (jusqu'à 5 ans d'expérience)", "Senior (plus de 5 ans d'expérience)"
    dates = [day.isoformat() for day in contract_dates(cohort)]
    return [
        ["Agence du numérique en santé", "Dupont", "Léa", "lea@example.org", "Designer", junior, salary(3500)]
        + ["Lab Santé", MISSION, *dates, *SEA_MENTORS],
        ["Direction des affaires maritimes", "Bensaïd", "Ali", "ali@example.org", "Data scientist", senior]
        + [salary(4000), "Signaux Faibles", MISSION, *dates, *SEA_MENTORS],
        ["Direction des affaires maritimes", "Martin", "Zoé", "zoe@example.org", "Développeur·se", junior]
        + [salary(3500), "Signaux Faibles", MISSION, *dates, *SEA_MENTORS],
    ]


def test_the_hr_rows_are_one_per_fellow_grouped_by_administration(cohort):
    hr_world(cohort)

    assert hr_export_rows(cohort) == expected_rows(cohort)


def test_the_hr_export_as_csv(client, cohort):
    hr_world(cohort)
    client.force_login(UserFactory(staff=True))

    response = client.get(reverse("fellowship:hr_export", args=[cohort.pk, "csv"]))

    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    assert response["Content-Disposition"].startswith('attachment; filename="promotion-contrats-12-')
    assert list(csv.reader(io.StringIO(text), delimiter=";")) == [HEADER, *expected_rows(cohort, salary=str)]


def test_the_hr_export_as_xlsx(client, cohort):
    hr_world(cohort)
    client.force_login(UserFactory(staff=True))

    response = client.get(reverse("fellowship:hr_export", args=[cohort.pk, "xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Contrats EIG 12"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [HEADER, *expected_rows(cohort)]


def test_an_unknown_export_format_is_not_found(client, cohort):
    client.force_login(UserFactory(staff=True))

    assert client.get(reverse("fellowship:hr_export", args=[cohort.pk, "pdf"])).status_code == 404
