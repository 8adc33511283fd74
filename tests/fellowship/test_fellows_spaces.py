"""The spaces: « Mon équipe » (the fellow's challenge, position, contract, team and mentors, the consent to
the public page), « Mon mentorat » (the teams a mentor mentors, and only those), staff's cohort hub (each
team, its mentors, the invitation sent again, the HR export), the header's entries; their queries do not
grow with the team."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from cohorts.profiles import Profile
from eig.models import OutboxEmail
from fellowship.fellows import fellow_from_offer, mentor_accept
from fellowship.models import AssignmentRun, Audience, Fellow, Mentor
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.fellowship.factories import OfferFactory, RepositoryFactory, SessionFactory, laureate
from tests.fellowship.teams import accepted_offer, challenge_with_contacts, contract_dates
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

MY_TEAM = reverse("fellowship:my_team")
MENTORING = reverse("fellowship:mentoring")
PROFILES = [Profile.DEVELOPER, Profile.DATA_SCIENTIST, Profile.DESIGNER, Profile.DATA_ENGINEER]


def rows(page: Page, table_id: str) -> list[list[str]]:
    (table,) = page.find_all("div", id=table_id)
    return [
        [cell.text for cell in page.find_all(inside=row) if cell.tag in {"td", "th"}]
        for row in page.find_all("tr", inside=table)[1:]
    ]


def team(cohort, size: int, *, name="Signaux Faibles", leads=1, **options) -> list[Fellow]:
    """`size` fellows of a challenge of the cohort, named A… in alphabetical order."""
    challenge = challenge_with_contacts(cohort, name=name, leads=leads, **options)
    return [
        fellow_from_offer(
            offer=accepted_offer(
                challenge, PROFILES[index], first_name="Camille", last_name=f"{chr(65 + index)}-{name}"
            )
        )
        for index in range(size)
    ]


def contract_display(cohort) -> tuple[str, str]:
    """The contract's dates as the pages write them, in French."""
    with translation.override("fr"):
        return tuple(date_format(day, "j F Y") for day in contract_dates(cohort))


def joined(mentor: Mentor):
    """The mentor accepted their invitation: their account."""
    user = UserFactory(email=mentor.email)
    mentor_accept(mentor=mentor, user=user)
    return user


@pytest.fixture
def cohort():
    return CohortFactory(phase="programme", name="EIG 12", number=12)


# --- « Mon équipe » ------------------------------------------------------------------------------------------


def test_my_team_shows_the_challenge_the_position_the_teammates_and_the_mentors(client, cohort):
    fellow, teammate = team(cohort, 2)
    joined(fellow.senior_mentor)
    team(cohort, 1, name="Lab Santé")  # another team
    client.force_login(fellow.user)

    page = Page(client.get(MY_TEAM).content.decode())

    start, end = contract_display(cohort)
    assert page.texts("h1") == ["Mon équipe"]
    assert page.texts("p", id="fellowship-summary") == [
        "Promotion EIG 12 : défi « Signaux Faibles », accueilli par Direction des affaires maritimes."
    ]
    assert page.texts("dd") == ["Développeur·se", "Construire l'outil de détection", f"Du {start} au {end}"]
    assert rows(page, "teammates") == [["Camille B-Signaux Faibles", "Data scientist", teammate.user.email]]
    assert rows(page, "mentors") == [
        ["Porteur 1", "Mentor·e opérationnel·le", "lead1@mer.gouv.fr", "Invitation envoyée"],
        ["Hélène Sponsor", "Mentor·e senior", "sponsor@mer.gouv.fr", "A rejoint la plateforme"],
    ]
    assert page.find_all("ul", id="other-cohorts") == []


def test_a_fellow_of_several_cohorts_sees_the_latest_and_the_others_listed(client, cohort):
    earlier = CohortFactory(phase="finished", name="EIG 11", number=11)
    (old,) = team(earlier, 1, name="Archive")
    (fellow,) = team(cohort, 1)
    Fellow.objects.filter(pk=old.pk).update(user=fellow.user)
    client.force_login(fellow.user)

    latest = Page(client.get(MY_TEAM).content.decode())
    chosen = Page(client.get(f"{MY_TEAM}?promotion={earlier.pk}").content.decode())
    nonsense = Page(client.get(f"{MY_TEAM}?promotion=abc").content.decode())

    assert latest.texts("p", id="fellowship-summary")[0].startswith("Promotion EIG 12 : défi « Signaux Faibles »")
    assert latest.texts("li", inside=latest.find_all("ul", id="other-cohorts")[0]) == ["EIG 11 — Archive"]
    assert chosen.texts("p", id="fellowship-summary")[0].startswith("Promotion EIG 11 : défi « Archive »")
    assert nonsense.texts("p", id="fellowship-summary") == latest.texts("p", id="fellowship-summary")


def test_another_cohort_in_the_address_shows_only_the_fellow_s_own(client, cohort):
    (fellow,) = team(cohort, 1)
    (other,) = team(CohortFactory(phase="finished", number=11), 1, name="Lab Santé")
    client.force_login(fellow.user)

    page = Page(client.get(f"{MY_TEAM}?promotion={other.cohort_id}").content.decode())

    assert page.texts("p", id="fellowship-summary")[0].startswith("Promotion EIG 12 : défi « Signaux Faibles »")


def test_a_fellow_without_a_fellowship_sees_an_empty_space(client):
    client.force_login(UserFactory(fellow=True))

    page = Page(client.get(MY_TEAM).content.decode())

    assert page.texts("p", css_class="fr-callout__text") == [
        "Votre équipe s'affichera ici dès que vous aurez accepté une offre."
    ]


def test_the_consent_is_given_then_taken_back(client, cohort):
    (fellow,) = team(cohort, 1)
    client.force_login(fellow.user)
    url = reverse("fellowship:fellow_visibility", args=[fellow.pk])

    given = client.post(url, {"public": "on"})
    after_given = Fellow.objects.get(pk=fellow.pk).public
    taken_back = client.post(url, {})

    assert (given.status_code, given["Location"]) == (302, f"{MY_TEAM}?promotion={cohort.pk}")
    assert (after_given, Fellow.objects.get(pk=fellow.pk).public) == (True, False)
    assert [str(message) for message in get_messages(taken_back.wsgi_request)] == [
        "Vous apparaissez désormais avec votre équipe sur la page publique de la promotion.",
        "Vous n'apparaissez plus sur la page publique de la promotion.",
    ]


def test_the_consent_form_shows_the_current_choice(client, cohort):
    (fellow,) = team(cohort, 1)
    Fellow.objects.filter(pk=fellow.pk).update(public=True)
    client.force_login(fellow.user)

    page = Page(client.get(MY_TEAM).content.decode())

    assert page.form_values(page.find_all("form", id="visibility-form")[0])["public"] == ["on"]


def test_another_fellow_cannot_change_the_consent(client, cohort):
    fellow, teammate = team(cohort, 2)
    client.force_login(teammate.user)

    response = client.post(reverse("fellowship:fellow_visibility", args=[fellow.pk]), {"public": "on"})

    assert (response.status_code, Fellow.objects.get(pk=fellow.pk).public) == (403, False)


@pytest.mark.parametrize("teammates", [1, 3])
def test_my_team_queries_do_not_grow_with_the_team(client, django_assert_num_queries, cohort, teammates):
    fellow, *_ = team(cohort, teammates + 1)
    client.force_login(fellow.user)
    client.get(MY_TEAM)

    # The session, the user, the fellowships with their mentors, the teammates, the next sessions, the
    # team's repositories.
    with django_assert_num_queries(6):
        assert client.get(MY_TEAM).status_code == 200


def test_my_team_shows_the_next_sessions_and_the_team_s_repositories(client, cohort):
    fellow, teammate = team(cohort, 2)
    SessionFactory(cohort=cohort, title="Bootcamp de rentrée", audience=Audience.BOTH)
    SessionFactory(cohort=cohort, title="Réunion des mentor·es", audience=Audience.MENTORS)
    SessionFactory(cohort=cohort, title="Atelier passé", starts_at=timezone.now() - dt.timedelta(days=3))
    RepositoryFactory(challenge=fellow.challenge, name="signaux-api", licence="EUPL-1.2")
    RepositoryFactory(challenge=team(cohort, 1, name="Lab Santé")[0].challenge, name="autre-equipe")
    client.force_login(fellow.user)

    page = Page(client.get(MY_TEAM).content.decode())

    (upcoming,) = page.find_all("section", **{"aria-labelledby": "upcoming-sessions-title"})
    assert page.texts("h3", inside=upcoming) == ["Bootcamp de rentrée"]
    assert [row[:2] for row in rows(page, "team-repositories")] == [["signaux-api", "EUPL 1.2"]]


def test_the_mentor_sees_the_repositories_of_the_team_they_mentor(client, cohort):
    fellow, *_ = team(cohort, 1)
    RepositoryFactory(challenge=fellow.challenge, name="signaux-api", licence="MIT")
    client.force_login(joined(fellow.senior_mentor))

    page = Page(client.get(MENTORING).content.decode())

    assert [row[:2] for row in rows(page, f"repositories-{fellow.challenge_id}")] == [["signaux-api", "MIT"]]


# --- « Mon mentorat » ----------------------------------------------------------------------------------------


def test_the_mentor_sees_the_team_they_mentor_and_as_which_mentor(client, cohort):
    first, second, third = team(cohort, 3, leads=2)
    team(cohort, 1, name="Lab Santé")  # another team, another lead
    lead = joined(first.operational_mentor)
    client.force_login(lead)

    page = Page(client.get(MENTORING).content.decode())

    start, end = contract_display(cohort)
    contract = f"Du {start} au {end}"
    assert page.texts("h2", inside=page.main) == ["Signaux Faibles", "Prochaines sessions collectives"]
    (table,) = [div.attrs["id"] for div in page.find_all("div", css_class="fr-table")]
    assert rows(page, table) == [
        [f"Camille A-Signaux Faibles {first.user.email}", "Développeur·se", "Opérationnel·le", contract],
        [f"Camille B-Signaux Faibles {second.user.email}", "Data scientist", "—", contract],
        [f"Camille C-Signaux Faibles {third.user.email}", "Designer", "Opérationnel·le", contract],
    ]


def test_a_mentor_who_did_not_accept_sees_no_team(client, cohort):
    (fellow,) = team(cohort, 1)
    user = UserFactory(mentor=True, email=fellow.senior_mentor.email)
    client.force_login(user)

    page = Page(client.get(MENTORING).content.decode())

    assert page.texts("p", css_class="fr-callout__text") == [
        "Vous ne mentorez encore aucune équipe : acceptez l'invitation reçue par e-mail."
    ]


@pytest.mark.parametrize("fellows", [1, 3])
def test_mentoring_queries_do_not_grow_with_the_team(client, django_assert_num_queries, cohort, fellows):
    fellow, *_ = team(cohort, fellows)
    client.force_login(joined(fellow.senior_mentor))
    client.get(MENTORING)

    # The session, the user, the challenges, their fellows with their mentors, their repositories, the next
    # sessions.
    with django_assert_num_queries(6):
        assert client.get(MENTORING).status_code == 200


# --- Staff's cohort hub --------------------------------------------------------------------------------------


@pytest.fixture
def staff(client):
    user = UserFactory(staff=True)
    client.force_login(user)
    return user


def test_the_cohorts_page_shows_where_each_cohort_stands(client, cohort, staff):
    first, second = team(cohort, 2)
    first.offer.run.number = 2
    first.offer.run.save(update_fields=["number"])
    OfferFactory(application=laureate(cohort), run=first.offer.run)
    SessionFactory(cohort=cohort)
    older = CohortFactory(phase="finished", name="EIG 11", number=11)
    AssignmentRun.objects.create(cohort=older, number=1, inputs={}, result={}, solver_status="optimal")

    page = Page(client.get(reverse("fellowship:staff_cohorts")).content.decode())

    assert [row[:5] for row in rows(page, "staff-cohorts")] == [
        ["EIG 12", "n° 2 validée (1 calcul)", "1", "2", "1"],
        ["EIG 11", "1 calcul, aucun validé", "0", "0", "0"],
    ]
    (links,) = page.find_all("a", href=reverse("fellowship:cohort_hub", args=[cohort.pk]))
    assert links.text == "La promotion"


@pytest.mark.parametrize("cohorts", [1, 3])
def test_the_cohorts_page_queries_do_not_grow_with_the_cohorts(client, django_assert_num_queries, staff, cohorts):
    for number in range(cohorts):
        team(CohortFactory(phase="programme", number=20 + number), 1)
    client.get(reverse("fellowship:staff_cohorts"))

    # The session, the user, their second factor, the cohorts with their counts.
    with django_assert_num_queries(4):
        assert client.get(reverse("fellowship:staff_cohorts")).status_code == 200


def test_staff_reach_the_cohorts_page_from_the_header(client, staff):
    page = Page(client.get(reverse("home")).content.decode())

    assert reverse("fellowship:staff_cohorts") in [
        link.attrs["href"] for link in page.find_all("a", css_class="fr-nav__link")
    ]


def test_the_hub_links_to_every_step_of_the_cohort(client, cohort, staff):
    page = Page(client.get(reverse("fellowship:cohort_hub", args=[cohort.pk])).content.decode())

    (steps,) = page.find_all("nav", id="cohort-steps")
    assert [(link.text, link.attrs["href"]) for link in page.find_all("a", inside=steps)] == [
        ("L'affectation", reverse("fellowship:assignment", args=[cohort.pk])),
        ("Les offres et les listes complémentaires", reverse("fellowship:cohort_offers", args=[cohort.pk])),
        ("Les sessions collectives et les présences", reverse("fellowship:staff_sessions", args=[cohort.pk])),
        ("La page publique de la promotion", reverse("fellowship:cohort_public", args=[cohort.number])),
    ]


def test_the_hub_shows_each_team_its_mentors_and_the_counts(client, cohort, staff):
    sea = team(cohort, 2)
    joined(sea[0].senior_mentor)
    team(cohort, 1, name="Lab Santé")
    url = reverse("fellowship:cohort_hub", args=[cohort.pk])

    page = Page(client.get(url).content.decode())

    assert page.texts("h1") == ["La promotion EIG 12"]
    assert page.texts("p", id="cohort-counts") == [
        "2 équipes, 3 entrepreneur·es d'intérêt général, 1 mentor·e sur 4 a rejoint la plateforme."
    ]
    assert page.texts("h2", inside=page.main) == ["Lab Santé", "Signaux Faibles"]
    tables = [div.attrs["id"] for div in page.find_all("div", css_class="fr-table")]
    assert rows(page, tables[2]) == [
        ["Camille A-Signaux Faibles", "Développeur·se", "Porteur 1", "Hélène Sponsor"],
        ["Camille B-Signaux Faibles", "Data scientist", "Porteur 1", "Hélène Sponsor"],
    ]
    assert rows(page, tables[3]) == [
        [
            "Porteur 1",
            "Mentor·e opérationnel·le",
            "lead1@mer.gouv.fr",
            "Invitation envoyée Renvoyer l'invitation à Porteur 1",
        ],
        ["Hélène Sponsor", "Mentor·e senior", "sponsor@mer.gouv.fr", "A rejoint la plateforme"],
    ]
    assert [link.attrs["href"] for link in page.find_all("a", inside=page.find_all("ul", id="hr-exports")[0])] == [
        reverse("fellowship:hr_export", args=[cohort.pk, "csv"]),
        reverse("fellowship:hr_export", args=[cohort.pk, "xlsx"]),
    ]


def test_resending_an_invitation_sends_a_new_link(client, cohort, staff):
    (fellow,) = team(cohort, 1)
    OutboxEmail.objects.all().delete()
    mentor = fellow.operational_mentor

    response = client.post(reverse("fellowship:mentor_resend", args=[mentor.pk]))

    assert (response.status_code, response["Location"]) == (302, reverse("fellowship:cohort_hub", args=[cohort.pk]))
    assert [email.to for email in OutboxEmail.objects.all()] == [["lead1@mer.gouv.fr"]]
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "L'invitation est renvoyée à lead1@mer.gouv.fr."
    ]


def test_resending_to_a_mentor_who_joined_is_refused_in_french(client, cohort, staff):
    (fellow,) = team(cohort, 1)
    joined(fellow.senior_mentor)
    OutboxEmail.objects.all().delete()

    response = client.post(reverse("fellowship:mentor_resend", args=[fellow.senior_mentor.pk]))

    assert OutboxEmail.objects.count() == 0
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "sponsor@mer.gouv.fr a déjà rejoint la plateforme : l'invitation ne peut plus être envoyée."
    ]


@pytest.mark.parametrize("challenges", [1, 3])
def test_the_hub_queries_do_not_grow_with_the_teams(client, django_assert_num_queries, cohort, staff, challenges):
    for number in range(challenges):
        team(cohort, challenges, name=f"Défi {number}")
    url = reverse("fellowship:cohort_hub", args=[cohort.pk])
    client.get(url)

    # The session, the user, the second factor, the cohort, the challenges, their fellows, their mentors.
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


# --- The header ----------------------------------------------------------------------------------------------


def test_the_header_leads_fellows_and_mentors_to_their_space(client, cohort):
    (fellow,) = team(cohort, 1)
    mentor = joined(fellow.senior_mentor)

    client.force_login(fellow.user)
    as_fellow = Page(client.get(reverse("home")).content.decode())
    client.force_login(mentor)
    as_mentor = Page(client.get(reverse("home")).content.decode())

    assert [link.attrs["href"] for link in as_fellow.find_all("a", css_class="fr-nav__link")][-1] == MY_TEAM
    assert [link.attrs["href"] for link in as_mentor.find_all("a", css_class="fr-nav__link")][-1] == MENTORING
