"""The programme's public figures (/chiffres/): open to everyone once a cohort's results are out (404
before, for the CSV and the JSON too); the counts per stage and profile and the selected challenges with
their administration and team size, under the Licence Ouverte; never a name, an e-mail or a text a candidate
wrote; never in the audit trail; the same queries at 1 and 3 challenges."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from applications.models import Application
from challenges.models import ChallengeStatus, ContactKind
from cohorts.profiles import Profile
from eig.audit.models import AuditEntry
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, ContactFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.fellowship.factories import MentorFactory
from tests.fellowship.teams import team_fellow
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

E_MAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
LICENCE = {
    "name": "Licence Ouverte / Open Licence version 2.0 (Etalab)",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
PROFILE_KEYS = ("developer", "data_scientist", "unknown")
# What must never be published: every one is written somewhere in the world below.
SECRETS = [
    "Zéphyrine",
    "Quetzalcoatl",
    "zephyrine.q@exemple.fr",
    "Barnabé",
    "Ouroboros",
    "barnabe.o@exemple.fr",
    "Philomène",
    "Kraken",
    "philomene.k@exemple.fr",
    "Mentorissime",
    "mentor.secret@sante.gouv.fr",
    "sponsor.secret@sante.gouv.fr",
    "Motivation-licorne",
    "Parcours-dodo",
    "Compétences-narval",
    "Réalisations-axolotl",
    "https://perso.exemple.fr/portfolio-secret",
    "Appréciation-okapi",
]


def challenge_in(cohort, name: str, administration: str, *, status=ChallengeStatus.SELECTED):
    return ChallengeFactory(
        cohort=cohort,
        status=status,
        with_parts=False,
        name=name,
        administration=AdministrationFactory(name=administration),
    )


def candidate_texts(application, word: str) -> None:
    Application.objects.filter(pk=application.pk).update(
        motivation=f"Motivation-{word}",
        career_path=f"Parcours-{word}",
        skills=f"Compétences-{word}",
        achievements=f"Réalisations-{word}",
        links=f"https://perso.exemple.fr/portfolio-{word}",
    )


def results_out_world(phase: str = "programme"):
    """EIG 9: « Lab Santé » with 2 fellows (a developer and a data scientist), « Sans équipe » with 2 open
    positions, a challenge not selected; a submitted data scientist, a draft without a profile."""
    cohort = CohortFactory(phase=phase, number=9, name="EIG 9")
    health = challenge_in(cohort, "Lab Santé", "Agence du numérique en santé")
    first = team_fellow(
        health, first_name="Zéphyrine", last_name="Quetzalcoatl", email="zephyrine.q@exemple.fr", public=True
    )
    second = team_fellow(
        health,
        profile=Profile.DATA_SCIENTIST,
        first_name="Barnabé",
        last_name="Ouroboros",
        email="barnabe.o@exemple.fr",
    )
    waiting = challenge_in(cohort, "Sans équipe", "DINUM")
    PositionFactory(challenge=waiting, profile=Profile.DEVELOPER)
    PositionFactory(challenge=waiting, profile=Profile.DATA_SCIENTIST)
    challenge_in(cohort, "Refusé", "DGFiP", status=ChallengeStatus.NOT_SELECTED)
    submitted = ApplicationFactory(
        cohort=cohort,
        submitted=True,
        profile=Profile.DATA_SCIENTIST,
        candidate=UserFactory(
            candidate=True, first_name="Philomène", last_name="Kraken", email="philomene.k@exemple.fr"
        ),
    )
    ApplicationFactory(cohort=cohort)
    for application, word in ((first.application, "licorne"), (second.application, "dodo"), (submitted, "narval")):
        candidate_texts(application, word)
    Application.objects.filter(pk=second.application.pk).update(skills="Compétences-narval")
    Application.objects.filter(pk=first.application.pk).update(
        achievements="Réalisations-axolotl", links="https://perso.exemple.fr/portfolio-secret"
    )
    PreselectionReviewFactory(application=submitted, assessment="Appréciation-okapi")
    MentorFactory(challenge=health, name="Mentorissime Dupont", email="mentor.secret@sante.gouv.fr")
    ContactFactory(challenge=health, kind=ContactKind.SPONSOR, email="sponsor.secret@sante.gouv.fr")
    return cohort


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_urls():
    assert reverse("public_figures:list") == "/chiffres/"
    assert reverse("public_figures:detail", args=[9]) == "/chiffres/9/"
    assert reverse("public_figures:csv", args=[9]) == "/chiffres/9.csv"
    assert reverse("public_figures:json", args=[9]) == "/chiffres/9.json"


def test_the_page_shows_the_counts_and_the_challenges(client):
    results_out_world()

    response = client.get("/chiffres/9/")

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("h1") == ["Les chiffres de la promotion EIG 9"]
    [applications] = page.find_all("div", id="figures-applications")
    assert page.texts("th", inside=applications) == [
        "Étape",
        "Total",
        "Développeur·se",
        "Data scientist",
        "Profil non renseigné",
        "Postes à pourvoir",
        "Brouillons",
        "Déposées",
        "Présélectionnées",
        "Auditionnées",
        "Lauréates",
        "Entrepreneur·es de la promotion",
    ]
    assert page.texts("td", inside=applications) == [
        *["4", "2", "2", "0"],
        *["1", "0", "0", "1"],
        *["3", "1", "2", "0"],
        *["2", "1", "1", "0"],
        *["0", "0", "0", "0"],
        *["0", "0", "0", "0"],
        *["2", "1", "1", "0"],
    ]
    [stages] = page.find_all("div", id="figures-challenge-stages")
    assert page.texts("td", inside=stages) == ["3", "2"]
    [challenges] = page.find_all("div", id="figures-challenges")
    assert page.texts("tr", inside=challenges)[1:] == [
        "Lab Santé Agence du numérique en santé 2 entrepreneur·es",
        "Sans équipe DINUM 2 postes ouverts",
    ]
    assert page.texts(id="figures-licence") == [
        "Ces chiffres sont publiés sous la Licence Ouverte / Open Licence version 2.0 (Etalab) : "
        "vous pouvez les réutiliser librement en citant leur source."
    ]
    [licence] = page.find_all("a", inside=page.find_all(id="figures-licence")[0])
    assert licence.attrs["href"] == LICENCE["url"]


def test_the_json_holds_the_same_figures_and_the_licence(client):
    results_out_world()

    response = client.get("/chiffres/9.json")

    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    assert json.loads(response.content) == {
        "cohort": {"number": 9, "name": "EIG 9"},
        "source": "http://testserver/chiffres/9/",
        "licence": LICENCE,
        "profiles": [
            {"key": "developer", "label": "Développeur·se"},
            {"key": "data_scientist", "label": "Data scientist"},
            {"key": "unknown", "label": "Profil non renseigné"},
        ],
        "challenge_stages": [
            {"key": "submitted", "label": "Défis déposés", "count": 3},
            {"key": "selected", "label": "Défis sélectionnés", "count": 2},
        ],
        "seats": {"total": 4, "by_profile": {"developer": 2, "data_scientist": 2, "unknown": 0}},
        "application_stages": [
            {
                "key": key,
                "label": label,
                "count": sum(counts),
                "by_profile": dict(zip(PROFILE_KEYS, counts, strict=True)),
            }
            for key, label, counts in (
                ("draft", "Brouillons", (0, 0, 1)),
                ("submitted", "Déposées", (1, 2, 0)),
                ("preselected", "Présélectionnées", (1, 1, 0)),
                ("auditioned", "Auditionnées", (0, 0, 0)),
                ("laureate", "Lauréates", (0, 0, 0)),
                ("fellow", "Entrepreneur·es de la promotion", (1, 1, 0)),
            )
        ],
        "challenges": [
            {
                "name": "Lab Santé",
                "administration": "Agence du numérique en santé",
                "team_size": 2,
                "counted": "fellows",
            },
            {"name": "Sans équipe", "administration": "DINUM", "team_size": 2, "counted": "positions"},
        ],
    }


def test_the_csv_is_a_long_table_under_the_licence_and_not_audited(client):
    results_out_world()

    response = client.get("/chiffres/9.csv")

    assert response["Content-Disposition"] == 'attachment; filename="chiffres-eig-9-licence-ouverte-etalab.csv"'
    rows = csv_rows(response)
    assert rows[0] == ["Rubrique", "Intitulé", "Profil", "Administration", "Nombre", "Compté en"]
    assert rows[1:6] == [
        ["Défis", "Défis déposés", "", "", "3", ""],
        ["Défis", "Défis sélectionnés", "", "", "2", ""],
        ["Postes à pourvoir", "Postes à pourvoir", "Tous profils", "", "4", ""],
        ["Postes à pourvoir", "Postes à pourvoir", "Développeur·se", "", "2", ""],
        ["Postes à pourvoir", "Postes à pourvoir", "Data scientist", "", "2", ""],
    ]
    assert ["Candidatures", "Déposées", "Tous profils", "", "3", ""] in rows
    assert ["Candidatures", "Déposées", "Data scientist", "", "2", ""] in rows
    assert rows[-2:] == [
        ["Défis sélectionnés", "Lab Santé", "", "Agence du numérique en santé", "2", "entrepreneur·es"],
        ["Défis sélectionnés", "Sans équipe", "", "DINUM", "2", "postes ouverts"],
    ]
    assert len(rows) == 1 + 2 + 4 + 6 * 4 + 2
    assert AuditEntry.objects.count() == 0


def test_nothing_identifies_a_person(client):
    results_out_world()

    texts = {
        "html": client.get("/chiffres/9/").content.decode(),
        "list": client.get("/chiffres/").content.decode(),
        "csv": b"".join(client.get("/chiffres/9.csv").streaming_content).decode(),
        "json": client.get("/chiffres/9.json").content.decode("utf-8"),
    }

    assert {name: [s for s in SECRETS if s in text] for name, text in texts.items()} == dict.fromkeys(texts, [])
    assert {name: E_MAIL.findall(text) for name, text in texts.items()} == dict.fromkeys(texts, [])


@pytest.mark.parametrize("path", ["/chiffres/9/", "/chiffres/9.csv", "/chiffres/9.json"])
@pytest.mark.parametrize("phase", ["auditions", "deliberation"])
def test_not_found_before_the_results(client, phase, path):
    results_out_world(phase)

    assert client.get(path).status_code == 404
    assert "EIG 9" not in client.get("/chiffres/").content.decode()


@pytest.mark.parametrize("path", ["/chiffres/32000/", "/chiffres/32000.csv", "/chiffres/32000.json"])
def test_an_unknown_cohort_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_the_list_shows_the_published_cohorts_newest_first(client):
    for number, phase in ((3, "finished"), (5, "acceptance"), (4, "programme"), (6, "deliberation")):
        CohortFactory(number=number, name=f"EIG {number}", phase=phase)

    page = Page(client.get("/chiffres/").content.decode())

    [table] = page.find_all("div", id="figures-cohorts")
    assert page.texts("th", inside=table)[2:] == ["EIG 5", "EIG 4", "EIG 3"]
    assert [a.attrs["href"] for a in page.find_all("a", inside=table)][:3] == [
        "/chiffres/5/",
        "/chiffres/5.csv",
        "/chiffres/5.json",
    ]


def test_the_public_cohort_page_and_the_sitemap_link_to_the_figures(client):
    CohortFactory(number=9, phase="programme")

    cohort_links = [a.attrs.get("href") for a in Page(client.get("/promotion/9/").content.decode()).find_all("a")]
    sitemap_links = [a.attrs.get("href") for a in Page(client.get("/plan-du-site/").content.decode()).find_all("a")]

    assert ("/chiffres/9/" in cohort_links, "/chiffres/" in sitemap_links) == (True, True)


@pytest.mark.parametrize("challenges", [1, 3])
def test_the_same_queries_for_1_and_3_challenges(client, django_assert_num_queries, challenges):
    cohort = CohortFactory(phase="programme", number=9)
    for index in range(challenges):
        challenge = challenge_in(cohort, f"Défi {index}", f"Administration {index}")
        team_fellow(challenge)
        PositionFactory(challenge=challenge, profile=Profile.DESIGNER)

    # The cohort, the funnel's applications, seats and challenges, the selected challenges.
    with django_assert_num_queries(5):
        page = Page(client.get("/chiffres/9/").content.decode())

    [table] = page.find_all("div", id="figures-challenges")
    assert len(page.texts("tr", inside=table)) == 1 + challenges


def test_the_page_has_no_inline_script_or_style_and_the_policy_forbids_them(client):
    results_out_world()

    response = client.get("/chiffres/9/")

    html = response.content.decode()
    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";") if directive
    )
    assert (policy["script-src"], policy["style-src"]) == ("'self'", "'self'")
    assert [attrs for attrs in re.findall(r"<script([^>]*)>", html) if "src=" not in attrs] == []
    # The chart is drawn all the same: one SVG bar per stage of an application.
    assert (" style=" in html, "<style" in html, html.count('<svg class="eig-chart__bar"')) == (False, False, 6)
