"""The challenge's long texts are Markdown: a « Mise en forme » help under each field and a preview on
the form's steps; rendered (headings under the page's own, links checked, HTML shown as text) on the
agents' pages, the catalogue and the jury's evaluation page; a plain excerpt on the cards."""

import pytest
from django.urls import reverse

from cohorts.profiles import Profile
from eig.templatetags.eig_tags import paris_datetime
from tests.challenges.factories import ChallengeEvaluationFactory, ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

REL = "nofollow noopener noreferrer"
# As agents paste the programme's real pages: a heading, bold, italics, a list, a link, lines cut at 80.
TEXT = (
    "## Les enjeux\n\n"
    "Des **dossiers** traités *à la main*,\n"
    "coupés à 80 caractères.\n\n"
    "- un tableur ;\n"
    "- un prototype.\n\n"
    "[Le rapport](https://www.numerique.gouv.fr/rapport) [piège](javascript:alert(1)) <script>alert(1)</script>"
)
HELP = (
    "Mise en forme : ## Titre en début de ligne, - élément pour une liste, **gras**, *italique*, "
    "[texte](https://…) pour un lien ; une ligne vide sépare deux paragraphes."
)


def assert_rendered(page: Page, container, heading_tag: str) -> None:
    """TEXT as Markdown inside `container`, its heading at `heading_tag`."""
    assert page.texts(heading_tag, inside=container) == ["Les enjeux"]
    assert page.texts("strong", inside=container) == ["dossiers"]
    assert page.texts("em", inside=container) == ["à la main"]
    assert page.texts("li", inside=container) == ["un tableur ;", "un prototype."]
    assert "Des dossiers traités à la main, coupés à 80 caractères." in page.texts("p", inside=container)
    # The text's links (the page's own are DSFR links).
    links = [link for link in page.find_all("a", inside=container) if "fr-link" not in link.classes]
    assert [(link.text, link.attrs["href"], link.attrs["rel"]) for link in links] == [
        ("Le rapport", "https://www.numerique.gouv.fr/rapport", REL)
    ]
    assert page.find_all("script", inside=container) == []
    assert page.find_all("br", inside=container) == []
    assert "##" not in container.text
    assert "piège <script>alert(1)</script>" in container.text


@pytest.fixture
def agent():
    return UserFactory(agent=True)


def step_url(challenge, step: int) -> str:
    return reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": step})


# --- The form: help and preview ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "described"),
    [
        (1, ["id_context"]),
        (2, ["id_solution", "id_benefits", "id_existing_solutions", "id_obstacles"]),
        (3, ["id_data_needed", "id_legal_ethical_issues", "id_openness"]),
        (4, ["id_positions-0-mission", "id_positions-1-mission", "id_positions-2-mission"]),
        (5, []),
    ],
)
def test_each_long_text_field_has_the_formatting_help(client, agent, step, described):
    challenge = ChallengeFactory(owners=[agent])
    client.force_login(agent)

    page = Page(client.get(step_url(challenge, step)).content.decode())

    helps = page.find_all("p", css_class="fr-hint-text", inside=page.find_all("form", id="step-form")[0])
    markdown_helps = [element for element in helps if element.attrs.get("id", "").endswith("_markdown")]
    assert [element.attrs["id"] for element in markdown_helps] == [f"{field}_markdown" for field in described]
    assert {element.text for element in markdown_helps} <= {HELP}
    for field in described:
        [textarea] = page.find_all("textarea", id=field)
        assert textarea.attrs["aria-describedby"].split()[-1] == f"{field}_markdown"


def test_summary_stays_plain_text_without_formatting_help(client, agent):
    challenge = ChallengeFactory(owners=[agent])
    client.force_login(agent)

    page = Page(client.get(step_url(challenge, 1)).content.decode())

    assert page.find_all("p", id="id_summary_markdown") == []


def test_preview_button_saves_the_draft_and_shows_the_rendered_texts(client, agent):
    challenge = ChallengeFactory(owners=[agent], name="Lab Santé")
    client.force_login(agent)

    response = client.post(
        step_url(challenge, 1), {"name": "Lab Santé", "summary": "Deux lignes.", "context": TEXT, "action": "preview"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{step_url(challenge, 1)}?apercu=1#apercu"
    challenge.refresh_from_db()
    assert challenge.context == TEXT
    page = Page(client.get(response["Location"]).content.decode())
    [preview] = page.find_all("section", id="apercu")
    assert page.texts("h2", inside=preview) == ["Aperçu de la mise en forme"]
    assert page.texts("h3", inside=preview) == ["Contexte et problème"]
    assert_rendered(page, preview, "h4")
    assert page.texts("textarea", name="context") == [" ".join(TEXT.split())]


def test_preview_of_the_positions_step_shows_each_mission(client, agent):
    challenge = ChallengeFactory(owners=[agent], with_parts=False)
    PositionFactory(challenge=challenge, profile=Profile.DEVELOPER, mission=TEXT)
    PositionFactory(challenge=challenge, profile=Profile.DESIGNER, mission="")
    client.force_login(agent)

    page = Page(client.get(step_url(challenge, 4), {"apercu": "1"}).content.decode())

    [preview] = page.find_all("section", id="apercu")
    assert page.texts("h3", inside=preview) == [
        "Mission du poste 1 (Développeur·se)",
        "Mission du poste 2 (Designer)",
    ]
    assert_rendered(page, preview, "h4")
    assert "Non renseigné." in page.texts("p", inside=preview)


def test_step_without_long_text_has_no_preview_button(client, agent):
    challenge = ChallengeFactory(owners=[agent])
    client.force_login(agent)

    page = Page(client.get(step_url(challenge, 6)).content.decode())

    assert page.texts("button", type_="submit") == ["Enregistrer et continuer", "Enregistrer le brouillon"] + [
        "Enregistrer et revenir à l'étape précédente"
    ]


def test_preview_after_the_deadline_saves_nothing_and_keeps_what_was_typed(client, agent):
    cohort = CohortFactory(phase="challenge_selection")
    challenge = ChallengeFactory(cohort=cohort, owners=[agent], complete=True, name="Lab Santé")
    client.force_login(agent)

    response = client.post(
        step_url(challenge, 1), {"name": "Lab Santé", "summary": "Tard", "context": TEXT, "action": "preview"}
    )

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.find_all("section", id="apercu") == []
    assert page.texts("div", id="save-errors") == [
        "Le brouillon n'est pas enregistré L'appel à projets est clos : sa date limite était le "
        f"{paris_datetime(cohort.projects_call_closes_at)}. Le défi ne peut plus être modifié ni déposé."
    ]
    assert page.texts("textarea", name="context") == [" ".join(TEXT.split())]


# --- The agents' pages ----------------------------------------------------------------------------


def test_challenge_page_renders_long_texts_under_their_label_and_addresses_as_typed(client, agent):
    challenge = ChallengeFactory(owners=[agent], complete=True, context=TEXT, work_address="1. Rue de la Paix")
    client.force_login(agent)

    page = Page(client.get(reverse("challenges:detail", args=[challenge.pk])).content.decode())

    [section] = page.find_all("section", **{"aria-labelledby": "section-1"})
    assert page.texts("h3", inside=section) == ["Le problème en deux lignes", "Contexte et problème"]
    assert_rendered(page, section, "h4")
    [place] = page.find_all("section", **{"aria-labelledby": "section-5"})
    assert "1. Rue de la Paix" in page.texts("p", inside=place)
    assert page.find_all("ol", inside=place) == []


def test_recap_renders_long_texts_and_missions(client, agent):
    challenge = ChallengeFactory(owners=[agent], complete=True, solution=TEXT, with_parts=False)
    PositionFactory(challenge=challenge, profile=Profile.DEVELOPER, mission=TEXT)
    client.force_login(agent)

    page = Page(client.get(step_url(challenge, 7)).content.decode())

    [solution] = page.find_all("section", **{"aria-labelledby": "section-2"})
    assert_rendered(page, solution, "h4")
    [positions] = page.find_all("section", **{"aria-labelledby": "section-4"})
    assert page.texts("h3", inside=positions) == ["Développeur·se"]
    position = page.find_all("ol", inside=positions)[0]
    assert_rendered(page, page.find_all("li", inside=position)[0], "h4")


# --- The catalogue ---------------------------------------------------------------------------------


def test_catalogue_page_renders_long_texts_under_their_section(client):
    challenge = ChallengeFactory(selected=True, cohort=CohortFactory(phase="wishes"), context=TEXT, with_parts=False)
    PositionFactory(challenge=challenge, profile=Profile.DATA_SCIENTIST, mission=TEXT)

    page = Page(client.get(reverse("catalogue:detail", args=[challenge.pk])).content.decode())

    [context] = page.find_all("section", **{"aria-labelledby": "context-title"})
    assert page.texts("h2", inside=context) == ["Contexte et problème"]
    assert_rendered(page, context, "h3")
    [positions] = page.find_all("section", **{"aria-labelledby": "positions-title"})
    assert page.texts("h3", inside=positions) == ["Data scientist"]
    assert_rendered(page, positions, "h4")


def test_catalogue_card_without_summary_shows_a_plain_excerpt_of_the_context(client):
    cohort = CohortFactory(phase="wishes")
    challenge = ChallengeFactory(selected=True, cohort=cohort, summary="", context=TEXT)

    page = Page(client.get(reverse("catalogue:list")).content.decode())

    [card] = page.find_all("div", id=f"challenge-{challenge.pk}")
    assert page.texts("p", css_class="fr-card__desc", inside=card) == [
        "Les enjeux Des dossiers traités à la main, coupés à 80 caractères. un tableur ; un prototype. Le rapport "
        "piège <script>alert(1)</script>"
    ]
    assert page.find_all("strong", inside=card) == []


# --- The challenge jury -----------------------------------------------------------------------------


def test_evaluation_page_renders_long_texts_and_missions(client):
    cohort = CohortFactory(phase="challenge_selection")
    juror = UserFactory(juror=True, second_factor=True)
    cohort.challenge_jurors.add(juror)
    challenge = ChallengeFactory(cohort=cohort, submitted=True, benefits=TEXT, with_parts=False)
    PositionFactory(challenge=challenge, profile=Profile.DEVELOPER, mission=TEXT)
    client.force_login(juror)

    page = Page(client.get(reverse("selection:challenge_evaluation", args=[challenge.pk])).content.decode())

    [content] = page.find_all("section", **{"aria-labelledby": "challenge-content-title"})
    assert page.texts("h4", inside=content) == ["Les enjeux", "Les enjeux"]
    assert page.texts("strong", inside=content) == ["dossiers", "Développeur·se", "dossiers"]
    assert [link.attrs["href"] for link in page.find_all("a", inside=content)] == [
        "https://www.numerique.gouv.fr/rapport",
        "https://www.numerique.gouv.fr/rapport",
    ]
    assert page.find_all("script", inside=content) == []


def test_evaluation_comment_has_the_formatting_help_and_is_rendered_for_the_staff(client):
    cohort = CohortFactory(phase="challenge_selection")
    juror = UserFactory(juror=True, second_factor=True)
    cohort.challenge_jurors.add(juror)
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    client.force_login(juror)
    form_page = Page(client.get(reverse("selection:challenge_evaluation", args=[challenge.pk])).content.decode())
    ChallengeEvaluationFactory(challenge=challenge, evaluator=juror, comment=TEXT)
    client.force_login(UserFactory(superuser=True))

    admin_page = Page(client.get(reverse("admin:challenges_challenge_change", args=[challenge.pk])).content.decode())

    [textarea] = form_page.find_all("textarea", name="comment")
    assert textarea.attrs["aria-describedby"] == "id_comment_helptext id_comment_markdown"
    [cell] = admin_page.find_all("td", css_class="field-comment_display")
    assert admin_page.texts("h4", inside=cell) == ["Les enjeux"]
    assert admin_page.texts("strong", inside=cell) == ["dossiers"]
    assert admin_page.find_all("script", inside=cell) == []
