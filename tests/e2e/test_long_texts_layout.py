"""Real texts on a phone and on a laptop: at 375 px and at 1280 px, the candidate's recap with a 20,000-character
motivation, the agents' dashboard and challenge page, the wishes page with ranks chosen and a catalogue page with
a long text in Markdown show no clipped text, no page wider than the viewport, and axe-core finds no WCAG 2.1 A/AA
violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from challenges.models import ContactKind
from tests.applications.factories import ApplicationFactory, WishFactory
from tests.challenges.factories import AdministrationFactory, ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import AXE, WIDTHS, axe_violations, layout_problems, sign_in
from tests.eig.factories import UserFactory

pytestmark = [pytest.mark.e2e, AXE]

LONG_LINK = "https://www.data.gouv.fr/fr/datasets/" + "interventions-de-sauvetage-en-mer-" * 4 + "2010-2024/"
# 20,000 characters as candidates write them: paragraphs of sentences, a long address pasted in.
MOTIVATION = (
    (
        "Depuis dix ans, je construis des services numériques pour des associations et des collectivités. "
        "Je souhaite mettre ces compétences au service de l'action publique, au plus près des agents. "
        f"Voir mes travaux : {LONG_LINK}\n\n"
    )
    * 80
)[:20_000]
# A challenge's text as the programme writes them: titles, lists, emphasis and a long link.
MARKDOWN = f"""## Le contexte

Chaque année, les **centres de sauvetage** coordonnent plus de 10 000 opérations.

### Ce qui existe

- des tableurs partagés entre les centres ;
- un *prototype* interne, jamais mis en production ;
- des données ouvertes : [{LONG_LINK}]({LONG_LINK})

1. Comprendre les besoins des sauveteurs.
2. Construire un premier outil avec eux.

Les données brutes : {LONG_LINK}
"""


def assert_fits_and_accessible(page: Page) -> None:
    count, report = axe_violations(page)

    assert (count, layout_problems(page)) == (0, []), report


@pytest.mark.parametrize("width", WIDTHS)
def test_recap_with_a_20000_character_motivation(page: Page, site_url, width):
    application = ApplicationFactory(
        cohort=CohortFactory(phase="candidates_call"), complete=True, motivation=MOTIVATION
    )
    sign_in(page, site_url, application.candidate)
    page.set_viewport_size(WIDTHS[width])

    page.goto(site_url + reverse("applications:edit", args=(7,)))

    expect(page.locator("#summary")).to_contain_text(MOTIVATION[:200])
    assert_fits_and_accessible(page)


@pytest.fixture
def agent_challenge(site_url):
    """An agent's challenge, complete, with what agents really type: a long name, a long e-mail address."""
    agent = UserFactory(agent=True)
    administration = AdministrationFactory(name="Direction interministérielle de la transformation publique")
    agent.administrations.add(administration)
    challenge = ChallengeFactory(
        cohort=CohortFactory(phase="projects_call"),
        administration=administration,
        owners=[agent],
        complete=True,
        name="Mieux anticiper les interventions de sauvetage en mer grâce aux données",
        context=MOTIVATION[:3000],
    )
    challenge.contacts.filter(kind=ContactKind.SPONSOR).update(
        email="prenom.nom-de-famille-compose@direction-interministerielle.gouv.fr"
    )
    return challenge


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url_name", ["challenges:dashboard", "challenges:detail"])
def test_agents_pages_with_long_texts(page: Page, site_url, agent_challenge, url_name, width):
    sign_in(page, site_url, agent_challenge.owners.get())
    page.set_viewport_size(WIDTHS[width])

    page.goto(
        site_url + reverse(url_name, kwargs={"pk": agent_challenge.pk} if url_name == "challenges:detail" else {})
    )

    heading = "Mes défis" if url_name == "challenges:dashboard" else agent_challenge.name
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_fits_and_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_wishes_page_with_ranks_chosen(page: Page, site_url, width):
    cohort = CohortFactory(phase="wishes")
    application = ApplicationFactory(cohort=cohort, preselected=True)
    challenges = [
        ChallengeFactory(cohort=cohort, selected=True, name=name, work_city="Saint-Martin-d'Hères")
        for name in ("PrédiSauvetage", "b@liseNAV", "Signaux Faibles", "Gobelins", "Brigade Numérique", "dataESR")
    ]
    for challenge in challenges[:3]:
        WishFactory(application=application, challenge=challenge)
    sign_in(page, site_url, application.candidate)
    page.set_viewport_size(WIDTHS[width])

    page.goto(site_url + reverse("applications:wishes"))

    ranks = page.locator("select[data-wish-rank]")
    expect(ranks).to_have_count(6)
    assert [ranks.nth(index).input_value() for index in range(6)] == ["1", "2", "3", "", "", ""]
    assert_fits_and_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_catalogue_page_with_a_long_markdown_text(page: Page, site_url, width):
    challenge = ChallengeFactory(
        cohort=CohortFactory(phase="wishes"), selected=True, name="PrédiSauvetage", context=MARKDOWN
    )
    page.set_viewport_size(WIDTHS[width])

    page.goto(site_url + reverse("catalogue:detail", args=(challenge.pk,)))

    expect(page.get_by_role("heading", level=1)).to_have_text("PrédiSauvetage")
    expect(page.locator("main")).to_contain_text("centres de sauvetage")
    assert_fits_and_accessible(page)
