"""The wishes page: before the window, a date; during it, the revealed challenges for the candidate's
profile, ranked with one select each; after it, the list read-only and every change refused."""

import pytest
from django.urls import reverse

from applications.forms import WishesForm
from cohorts.limits import MAX_WISHES
from cohorts.profiles import Profile
from cohorts.windows import Step
from tests.applications.factories import ApplicationFactory, WishFactory
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

WISHES = reverse("applications:wishes")
# The wishes page reads the same number of rows whatever the number of challenges and wishes.
QUERIES = 7


def setup_wishes(client, phase: str = "wishes", count: int = 6):
    """A pre-selected developer signed in, and `count` selected challenges of the cohort with a developer
    position (ChallengeFactory's complete challenges have one), named in alphabetical order."""
    cohort = CohortFactory(phase=phase)
    application = ApplicationFactory(cohort=cohort, preselected=True)
    administration = AdministrationFactory(name="Direction du numérique", acronym="DINUM")
    challenges = [
        ChallengeFactory(
            cohort=cohort, selected=True, name=f"Défi {letter}", administration=administration, work_city="Lyon"
        )
        for letter in "ABCDEFGH"[:count]
    ]
    client.force_login(application.candidate)
    return application, challenges


def ranks(challenges_by_rank) -> dict:
    """POST data ranking the challenges in this order."""
    return {WishesForm.field_name(challenge): str(rank) for rank, challenge in enumerate(challenges_by_rank, 1)}


def saved(application) -> list[tuple[str, int]]:
    return list(application.wishes.order_by("rank").values_list("challenge__name", "rank"))


def error_texts(response) -> list[str]:
    return Page(response.content.decode()).texts("div", id="save-errors")


def test_wishes_during_the_window_list_the_challenges_for_the_profile(client):
    application, challenges = setup_wishes(client, count=3)
    designer_only = ChallengeFactory(cohort=application.cohort, selected=True, name="Défi design", with_parts=False)
    PositionFactory(challenge=designer_only, profile=Profile.DESIGNER)
    ChallengeFactory(cohort=application.cohort, submitted=True, name="Défi non sélectionné")

    response = client.get(WISHES)

    page = Page(response.content.decode())
    [tbody] = page.find_all("tbody", data_wishes_list="")
    assert [row.attrs["data-name"] for row in page.find_all("tr", inside=tbody)] == ["Défi A", "Défi B", "Défi C"]
    assert [
        [cell.text for cell in page.find_all("td", inside=row)][1:3] for row in page.find_all("tr", inside=tbody)
    ] == [["Direction du numérique (DINUM)", "Lyon"]] * 3
    assert [link.attrs["href"] for link in page.find_all("a", inside=tbody, css_class="fr-link")] == [
        reverse("catalogue:detail", args=(challenge.pk,)) for challenge in challenges
    ]
    assert [select.attrs["name"] for select in page.find_all("select", inside=tbody)] == [
        f"rank_{challenge.pk}" for challenge in challenges
    ]
    assert page.texts("option", inside=page.find_all("select", inside=tbody)[0]) == [
        "Non classé",
        "1",
        "2",
        "3",
        "4",
        "5",
    ]
    assert page.texts("label", inside=tbody) == [f"Rang du défi « Défi {letter} »" for letter in "ABC"]
    assert page.find_all("script", src="/static/js/wishes.js") != []


def test_wishes_saves_the_ranked_challenges_in_rank_order(client):
    application, challenges = setup_wishes(client)
    a, b, c, d, e, _f = challenges

    response = client.post(WISHES, ranks([c, a, e, b, d]), follow=True)

    assert response.redirect_chain == [(WISHES, 302)]
    assert [str(message) for message in response.context["messages"]] == ["Vos vœux sont enregistrés."]
    assert saved(application) == [("Défi C", 1), ("Défi A", 2), ("Défi E", 3), ("Défi B", 4), ("Défi D", 5)]


def test_wishes_page_shows_saved_wishes_first_in_rank_order(client):
    application, challenges = setup_wishes(client, count=4)
    a, b, c, d = challenges
    for challenge in [d, b, c]:
        WishFactory(application=application, challenge=challenge)

    response = client.get(WISHES)

    page = Page(response.content.decode())
    [tbody] = page.find_all("tbody", data_wishes_list="")
    assert [row.attrs["data-name"] for row in page.find_all("tr", inside=tbody)] == [
        "Défi D",
        "Défi B",
        "Défi C",
        "Défi A",
    ]
    assert [page.texts("option", inside=select, selected="") for select in page.find_all("select", inside=tbody)] == [
        ["1"],
        ["2"],
        ["3"],
        ["Non classé"],
    ]


def test_wishes_reordering_replaces_the_saved_order(client):
    application, challenges = setup_wishes(client, count=3)
    a, b, c = challenges
    client.post(WISHES, ranks([a, b, c]))

    client.post(WISHES, ranks([c, b, a]))

    assert saved(application) == [("Défi C", 1), ("Défi B", 2), ("Défi A", 3)]


def test_wishes_ranks_with_gaps_keep_their_order(client):
    application, challenges = setup_wishes(client, count=3)
    a, b, c = challenges

    client.post(WISHES, {f"rank_{a.pk}": "5", f"rank_{b.pk}": "1", f"rank_{c.pk}": "3"})

    assert saved(application) == [("Défi B", 1), ("Défi C", 2), ("Défi A", 3)]


def test_wishes_refuses_a_sixth_wish(client):
    application, challenges = setup_wishes(client)
    data = ranks(challenges[:5])
    data[WishesForm.field_name(challenges[5])] = "3"

    response = client.post(WISHES, data)

    assert response.status_code == 200
    assert error_texts(response) == [
        "Vos vœux ne sont pas enregistrés Classez de 3 à 5 défis (vous en avez choisi 6)."
    ]
    assert saved(application) == []


def test_wishes_refuses_a_duplicate_rank(client):
    application, challenges = setup_wishes(client)
    a, b, c, *_ = challenges

    response = client.post(WISHES, {**ranks([a, b, c]), WishesForm.field_name(c): "2"})

    assert error_texts(response) == ["Vos vœux ne sont pas enregistrés Deux vœux ne peuvent pas avoir le même rang."]
    assert saved(application) == []


def test_wishes_refuses_a_duplicate_challenge(client):
    """A challenge posted twice (a tampered or replayed form) is refused by the service, not silently merged."""
    application, challenges = setup_wishes(client)
    a, b, *_ = challenges

    response = client.post(WISHES, {f"rank_{a.pk}": ["1", "3"], f"rank_{b.pk}": "2"})

    assert error_texts(response) == [
        "Vos vœux ne sont pas enregistrés Un même défi ne peut figurer qu'une fois dans vos vœux."
    ]
    assert saved(application) == []


def test_wishes_refuses_a_rank_outside_1_to_5(client):
    application, challenges = setup_wishes(client)
    a, b, c, *_ = challenges

    response = client.post(WISHES, {**ranks([a, b]), f"rank_{c.pk}": "6"})

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.texts("div", id="save-errors") == [
        "Vos vœux ne sont pas enregistrés Corrigez les rangs signalés ci-dessous."
    ]
    assert page.texts("li", css_class="fr-error-text") == ["Sélectionnez un choix valide. 6 n’en fait pas partie."]
    assert saved(application) == []


@pytest.mark.parametrize("count", [0, 2])
def test_wishes_refuses_fewer_than_three(client, count):
    application, challenges = setup_wishes(client)

    response = client.post(WISHES, ranks(challenges[:count]))

    assert error_texts(response) == [
        f"Vos vœux ne sont pas enregistrés Classez de 3 à 5 défis (vous en avez choisi {count})."
    ]


def test_wishes_refuses_a_challenge_outside_the_profile(client):
    application, challenges = setup_wishes(client, count=3)
    other = ChallengeFactory(cohort=application.cohort, selected=True, with_parts=False)
    PositionFactory(challenge=other, profile=Profile.DESIGNER)

    response = client.post(WISHES, {**ranks(challenges[:2]), f"rank_{other.pk}": "3"})

    # A challenge that is not open to the profile has no field: only two wishes are read.
    assert error_texts(response) == [
        "Vos vœux ne sont pas enregistrés Classez de 3 à 5 défis (vous en avez choisi 2)."
    ]
    assert saved(application) == []


def test_wishes_before_the_window_give_the_opening_date(client):
    setup_wishes(client, phase="before_wishes")

    response = client.get(WISHES)

    page = Page(response.content.decode())
    [window] = page.texts(id="wishes-window")
    assert window.startswith("Les défis seront dévoilés et les vœux ouvriront le ")
    assert page.find_all("form", id="wishes-form") == []


def test_wishes_before_the_window_refuse_a_post(client):
    application, challenges = setup_wishes(client, phase="before_wishes")

    response = client.post(WISHES, ranks(challenges[:3]))

    [error] = error_texts(response)
    assert error.startswith("Vos vœux ne sont pas enregistrés Les vœux ouvriront le ")
    assert saved(application) == []


def test_wishes_after_the_close_are_read_only(client):
    application, challenges = setup_wishes(client, phase="after_wishes", count=3)
    for challenge in reversed(challenges):
        WishFactory(application=application, challenge=challenge)

    response = client.get(WISHES)

    page = Page(response.content.decode())
    assert page.find_all("form", id="wishes-form") == []
    assert page.find_all("select") == []
    [table] = page.find_all("div", id="saved-wishes")
    assert [
        [cell.text for cell in page.find_all(inside=row) if cell.tag in {"td", "th"}]
        for row in page.find_all("tr", inside=page.find_all("tbody", inside=table)[0])
    ] == [
        ["1", "Défi C", "Direction du numérique (DINUM)", "Lyon"],
        ["2", "Défi B", "Direction du numérique (DINUM)", "Lyon"],
        ["3", "Défi A", "Direction du numérique (DINUM)", "Lyon"],
    ]


def test_wishes_after_the_close_refuse_a_change(client):
    application, challenges = setup_wishes(client, phase="after_wishes", count=3)
    a, b, c = challenges
    for challenge in [a, b, c]:
        WishFactory(application=application, challenge=challenge)

    response = client.post(WISHES, ranks([c, b, a]))

    assert response.status_code == 200
    [error] = error_texts(response)
    assert error.startswith("Vos vœux ne sont pas enregistrés La saisie des vœux est close : sa date limite était le ")
    assert error.endswith(". Vos vœux ne peuvent plus être modifiés.")
    assert saved(application) == [("Défi A", 1), ("Défi B", 2), ("Défi C", 3)]


@pytest.mark.parametrize("status", ["draft", "submitted", "not_preselected", "withdrawn"])
def test_wishes_only_for_preselected_candidates(client, status):
    application = ApplicationFactory(cohort=CohortFactory(phase="wishes"), status=status)
    client.force_login(application.candidate)

    response = client.get(WISHES, follow=True)

    assert response.redirect_chain == [(reverse("applications:space"), 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "Les vœux sont réservés aux candidat·es présélectionné·es."
    ]


def test_wishes_without_application_go_back_to_the_space(client):
    CohortFactory(phase="wishes")
    client.force_login(UserFactory(candidate=True))

    response = client.get(WISHES)

    assert response["Location"] == reverse("applications:space")


@pytest.mark.parametrize("count", [1, 3])
def test_wishes_page_query_count_does_not_grow_with_challenges(client, django_assert_num_queries, count):
    application, _challenges = setup_wishes(client, count=count)
    for challenge in _challenges:
        WishFactory(application=application, challenge=challenge)

    with django_assert_num_queries(QUERIES):
        response = client.get(WISHES)

    assert response.status_code == 200


def test_wishes_page_gives_the_limits_to_the_script_and_the_text(client):
    # The limits are named once (cohorts.limits): the page's text and wishes.js read them from there.
    application, _challenges = setup_wishes(client, count=3)

    response = client.get(WISHES)

    page = Page(response.content.decode())
    [form] = page.find_all("form", id="wishes-form")
    assert form.attrs["data-max-wishes"] == str(MAX_WISHES) == "5"
    assert form.attrs["data-announce-full"] == "Vous avez déjà classé 5 défis : « {name} » sort de vos vœux."
    deadline = application.cohort.window(Step.WISHES).deadline_display
    assert page.texts("div", id="wishes-window") == [
        f"Classez de 3 à 5 défis, du plus souhaité (rang 1) au moins souhaité, jusqu'au {deadline}. "
        "Vous pouvez modifier vos vœux jusqu'à cette date."
    ]
