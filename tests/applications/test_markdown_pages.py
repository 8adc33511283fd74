"""The application's long texts and the reviewers' assessments are Markdown: a « Mise en forme » help under
each field and a preview on the form's steps; rendered on the candidate's recap, the anonymous review page
and the admin; the links field stays one address per line."""

import pytest
from django.urls import reverse

from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

REL = "nofollow noopener noreferrer"
TEXT = (
    "## Mon parcours\n\n"
    "Dix ans de **développement** web,\n"
    "puis *la donnée*.\n\n"
    "- un projet libre ;\n"
    "- une association.\n\n"
    "[Mon code](https://forge.example.org/moi) [piège](javascript:alert(1)) <img src=x onerror=alert(1)>"
)


def assert_rendered(page: Page, container, heading_tag: str) -> None:
    assert page.texts(heading_tag, inside=container) == ["Mon parcours"]
    assert page.texts("strong", inside=container) == ["développement"]
    assert page.texts("em", inside=container) == ["la donnée"]
    assert page.texts("li", inside=container) == ["un projet libre ;", "une association."]
    assert "Dix ans de développement web, puis la donnée." in page.texts("p", inside=container)
    # The text's links (the page's own are DSFR links).
    links = [link for link in page.find_all("a", inside=container) if "fr-link" not in link.classes]
    assert [(link.text, link.attrs["href"], link.attrs["rel"]) for link in links] == [
        ("Mon code", "https://forge.example.org/moi", REL)
    ]
    assert page.find_all("img", inside=container) == []
    assert "piège <img src=x onerror=alert(1)>" in container.text


def row_cell(page: Page, label: str):
    """The answer of the recap's item whose question is `label` (a description list)."""
    [item] = [
        div for div in page.find_all("div", css_class="eig-summary__item") if page.texts("dt", inside=div) == [label]
    ]
    return page.find_all("dd", inside=item)[0]


def edit_url(step: int) -> str:
    return reverse("applications:edit", args=(step,))


@pytest.fixture
def candidate():
    return UserFactory(candidate=True)


@pytest.mark.parametrize(
    ("step", "described"),
    [(1, ["id_skills"]), (2, ["id_career_path"]), (3, ["id_motivation", "id_achievements"]), (4, [])],
)
def test_each_long_text_field_has_the_formatting_help(client, candidate, step, described):
    CohortFactory(phase="candidates_call")
    client.force_login(candidate)

    page = Page(client.get(edit_url(step)).content.decode())

    helps = [
        element.attrs["id"] for element in page.find_all("p") if element.attrs.get("id", "").endswith("_markdown")
    ]
    assert helps == [f"{field}_markdown" for field in described]
    for field in described:
        [textarea] = page.find_all("textarea", id=field)
        assert textarea.attrs["aria-describedby"] == f"{field}_helptext {field}_markdown"


def test_links_field_stays_one_address_per_line_without_formatting_help(client, candidate):
    CohortFactory(phase="candidates_call")
    client.force_login(candidate)

    page = Page(client.get(edit_url(3)).content.decode())

    assert page.find_all("p", id="id_links_markdown") == []


def test_preview_button_saves_the_draft_and_shows_the_rendered_texts(client, candidate):
    CohortFactory(phase="candidates_call")
    client.force_login(candidate)

    response = client.post(edit_url(2), {"years_of_experience": "10", "career_path": TEXT, "action": "preview"})

    assert response.status_code == 302
    assert response["Location"] == f"{edit_url(2)}?apercu=1#apercu"
    assert candidate.applications.get().career_path == TEXT
    page = Page(client.get(response["Location"]).content.decode())
    [preview] = page.find_all("section", id="apercu")
    assert page.texts("h2", inside=preview) == ["Aperçu de la mise en forme"]
    assert page.texts("h3", inside=preview) == ["Parcours et expériences"]
    assert_rendered(page, preview, "h4")


def test_step_without_long_text_has_no_preview_button(client, candidate):
    CohortFactory(phase="candidates_call")
    client.force_login(candidate)

    page = Page(client.get(edit_url(4)).content.decode())

    assert page.texts("button", type_="submit") == ["Enregistrer et continuer", "Enregistrer le brouillon"]


def test_recap_renders_the_long_texts_and_keeps_links_as_typed(client, candidate):
    cohort = CohortFactory(phase="candidates_call")
    ApplicationFactory(
        cohort=cohort, candidate=candidate, complete=True, motivation=TEXT, links="https://a.example\n**b**"
    )
    client.force_login(candidate)

    page = Page(client.get(edit_url(7)).content.decode())

    assert_rendered(page, row_cell(page, "Motivation et sens de l'intérêt général"), "h4")
    links_cell = row_cell(page, "Liens")
    assert links_cell.text == "https://a.example**b**"
    assert len(page.find_all("br", inside=links_cell)) == 1
    assert page.find_all("strong", inside=links_cell) == []


@pytest.fixture
def reviewer():
    return UserFactory(staff=True)


def test_review_page_renders_the_answers_under_their_heading(client, reviewer):
    application = ApplicationFactory(submitted=True, cohort=CohortFactory(phase="preselection"), achievements=TEXT)
    client.force_login(reviewer)

    page = Page(client.get(reverse("review:application", args=[application.review_code])).content.decode())

    [answers] = page.find_all("section", **{"aria-labelledby": "answers-title"})
    assert_rendered(page, answers, "h4")
    [textarea] = page.find_all("textarea", name="assessment")
    assert textarea.attrs["aria-describedby"] == "id_assessment_helptext id_assessment_markdown"


def test_review_page_of_a_decided_application_renders_the_reviewers_own_assessment(client, reviewer):
    application = ApplicationFactory(submitted=True, cohort=CohortFactory(phase="preselection"))
    PreselectionReviewFactory(application=application, reviewer=reviewer, scores=3, assessment=TEXT)
    application.status = "preselected"
    application.save(update_fields=["status"])
    client.force_login(reviewer)

    page = Page(client.get(reverse("review:application", args=[application.review_code])).content.decode())

    [own] = page.find_all("section", **{"aria-labelledby": "review-title"})
    assert page.texts("h3", inside=own) == ["Mon parcours"]
    assert page.texts("strong", inside=own) == ["développement"]
    assert page.find_all("img", inside=own) == []


def test_admin_renders_the_assessments_for_the_other_staff(client, reviewer):
    application = ApplicationFactory(submitted=True, cohort=CohortFactory(phase="preselection"))
    review = PreselectionReviewFactory(application=application, reviewer=reviewer, scores=3, assessment=TEXT)
    client.force_login(UserFactory(superuser=True))

    change = Page(client.get(reverse("admin:applications_application_change", args=[application.pk])).content.decode())
    detail = Page(
        client.get(reverse("admin:applications_preselectionreview_change", args=[review.pk])).content.decode()
    )

    [cell] = change.find_all("td", css_class="field-assessment_display")
    assert change.texts("h4", inside=cell) == ["Mon parcours"]
    assert change.texts("strong", inside=cell) == ["développement"]
    [field] = detail.find_all("div", css_class="field-assessment_display")
    assert detail.texts("h3", inside=field) == ["Mon parcours"]
    assert detail.find_all("img", inside=field) == []
