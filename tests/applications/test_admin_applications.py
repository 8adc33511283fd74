"""The applications admin: filters (cohort, status, profile, seniority), search, counts per status,
read-only status and history, and bulk decisions through a confirmation page."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from applications.models import ApplicationStatus, ApplicationTransition
from cohorts.profiles import Profile
from cohorts.windows import Step
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory, WishFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:applications_application_changelist")


@pytest.fixture
def cohort():
    return CohortFactory(phase="preselection", name="EIG 12", number=12)


@pytest.fixture
def staff(client):
    """Programme staff (not a superuser): the role opens the applications admin."""
    user = UserFactory(staff=True, email="equipe@example.org")
    client.force_login(user)
    return user


def listed(response) -> list[str]:
    """The references of the applications listed on the change list."""
    page = Page(response.content.decode())
    return [cell.text for cell in page.find_all("th", css_class="field-reference_display")]


def status_counts(response) -> list[str]:
    page = Page(response.content.decode())
    return page.texts("li", inside=page.find_all("ul", id="status-counts")[0])


def candidate(first_name: str, last_name: str):
    return UserFactory(
        candidate=True,
        first_name=first_name,
        last_name=last_name,
        email=f"{first_name.lower()}.{last_name.lower()}@example.org",
    )


def test_admin_list_shows_identity_scores_and_seniority(client, staff, cohort):
    application = ApplicationFactory(
        submitted=True, cohort=cohort, candidate=candidate("Ada", "Lovelace"), years_of_experience=7
    )
    PreselectionReviewFactory(application=application, scores=3)
    PreselectionReviewFactory(application=application, scores=4)

    response = client.get(CHANGELIST)

    page = Page(response.content.decode())
    assert response.status_code == 200
    row = page.find_all("tr", inside=page.find_all("tbody")[0])[0]
    assert [cell.text for cell in page.find_all(inside=row) if cell.tag in {"th", "td"}][1:] == [
        application.reference,
        "Ada Lovelace",
        "ada.lovelace@example.org",
        "EIG 12",
        "Développeur·se",
        "7",
        "Senior",
        "Déposée",
        "-",
        "2",
        "3,50",
    ]


def test_admin_list_filters_by_cohort_status_and_profile(client, staff, cohort):
    submitted = ApplicationFactory(submitted=True, cohort=cohort)
    designer = ApplicationFactory(submitted=True, cohort=cohort, profile=Profile.DESIGNER)
    preselected = ApplicationFactory(preselected=True, cohort=cohort)
    other_cohort = ApplicationFactory(submitted=True, cohort=CohortFactory(number=11, phase="programme"))

    by_cohort = client.get(CHANGELIST, {"cohort__id__exact": other_cohort.cohort_id})
    by_status = client.get(CHANGELIST, {"status__exact": "preselected"})
    by_profile = client.get(CHANGELIST, {"profile__exact": "designer"})
    combined = client.get(CHANGELIST, {"cohort__id__exact": cohort.pk, "status__exact": "submitted"})

    assert listed(by_cohort) == [other_cohort.reference]
    assert listed(by_status) == [preselected.reference]
    assert listed(by_profile) == [designer.reference]
    assert sorted(listed(combined)) == sorted([submitted.reference, designer.reference])


def test_admin_list_filters_by_seniority_with_each_cohorts_threshold(client, staff, cohort):
    junior_at_threshold = ApplicationFactory(submitted=True, cohort=cohort, years_of_experience=5)
    senior = ApplicationFactory(submitted=True, cohort=cohort, years_of_experience=6)
    strict_cohort = CohortFactory(number=11, phase="programme", seniority_threshold_years=3)
    senior_elsewhere = ApplicationFactory(submitted=True, cohort=strict_cohort, years_of_experience=5)
    ApplicationFactory(cohort=cohort)  # a draft without experience yet: neither

    juniors = client.get(CHANGELIST, {"seniority": "junior"})
    seniors = client.get(CHANGELIST, {"seniority": "senior"})

    assert listed(juniors) == [junior_at_threshold.reference]
    assert sorted(listed(seniors)) == sorted([senior.reference, senior_elsewhere.reference])
    assert "Junior (jusqu'au seuil de la promotion)" in Page(juniors.content.decode()).texts(
        "li", css_class="selected"
    )


def test_admin_list_searches_by_email_name_and_reference(client, staff, cohort):
    ada = ApplicationFactory(submitted=True, cohort=cohort, candidate=candidate("Ada", "Lovelace"))
    grace = ApplicationFactory(submitted=True, cohort=cohort, candidate=candidate("Grace", "Hopper"))

    by_email = client.get(CHANGELIST, {"q": "ada.lovelace@"})
    by_name = client.get(CHANGELIST, {"q": "Hopper"})
    by_reference = client.get(CHANGELIST, {"q": grace.reference.lower()})

    assert listed(by_email) == [ada.reference]
    assert listed(by_name) == [grace.reference]
    assert listed(by_reference) == [grace.reference]


def test_admin_list_counts_each_status_of_the_filtered_list(client, staff, cohort):
    for status in ["submitted", "submitted", "preselected", "not_preselected", "withdrawn"]:
        ApplicationFactory(complete=True, cohort=cohort, status=status)
    ApplicationFactory(cohort=cohort)  # a draft without a profile yet
    ApplicationFactory(submitted=True, cohort=cohort, profile=Profile.DESIGNER)

    everything = client.get(CHANGELIST)
    developers = client.get(CHANGELIST, {"profile__exact": "developer"})

    assert status_counts(everything) == [
        "Brouillon : 1",
        "Déposée : 3",
        "Présélectionnée : 1",
        "Non présélectionnée : 1",
        "Retirée : 1",
    ]
    assert status_counts(developers) == [
        "Brouillon : 0",
        "Déposée : 2",
        "Présélectionnée : 1",
        "Non présélectionnée : 1",
        "Retirée : 1",
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_admin_list_query_count_does_not_grow(client, staff, cohort, django_assert_num_queries, count):
    for _ in range(count):
        application = ApplicationFactory(submitted=True, cohort=cohort)
        PreselectionReviewFactory(application=application, scores=3)

    # session, user, second factor (middleware), permissions (2), cohort filter, counts (2), list, status counts
    with django_assert_num_queries(10):
        response = client.get(CHANGELIST)

    assert len(listed(response)) == count


def test_admin_change_page_shows_reviews_history_and_a_read_only_status(client, staff, cohort):
    application = ApplicationFactory(submitted=True, cohort=cohort)
    PreselectionReviewFactory(application=application, scores=4)

    response = client.get(reverse("admin:applications_application_change", args=[application.pk]))

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.find_all("select", name="status") == []
    assert page.texts("div", css_class="field-status")[0].endswith("Déposée")
    assert [
        page.find_all("a", href=reverse("applications:cv", args=[application.pk, kind]))[0].text
        for kind in ("cv", "anonyme")
    ] == ["Ouvrir (PDF)", "Ouvrir (PDF)"]
    assert page.texts("td", css_class="field-scores_display")[0].startswith("Sens de l'intérêt général : 4/5")


def test_admin_change_page_post_does_not_change_the_status(client, staff, cohort):
    application = ApplicationFactory(submitted=True, cohort=cohort)
    url = reverse("admin:applications_application_change", args=[application.pk])
    data = {
        "profile": "developer",
        "years_of_experience": "4",
        "career_path": "Parcours.",
        "status": "preselected",
        "reviews-TOTAL_FORMS": "0",
        "reviews-INITIAL_FORMS": "0",
        "wishes-TOTAL_FORMS": "0",
        "wishes-INITIAL_FORMS": "0",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
    }

    client.post(url, data)

    application.refresh_from_db()
    assert application.status == "submitted"


def decide(client, action: str, applications, **extra):
    return client.post(
        CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in applications], **extra}, follow=True
    )


def test_admin_preselect_shows_a_confirmation_page_listing_the_chosen_applications(client, staff, cohort):
    ada = ApplicationFactory(submitted=True, cohort=cohort, candidate=candidate("Ada", "Lovelace"))
    PreselectionReviewFactory(application=ada, scores=4)
    draft = ApplicationFactory(complete=True, cohort=cohort)

    response = decide(client, "preselect", [ada, draft])

    page = Page(response.content.decode())
    assert page.texts("h1") == ["Présélectionner ces candidatures ?"]
    table = page.find_all("table", id="applications-to-decide")[0]
    assert [row.text for row in page.find_all("tr", inside=table)][1:] == [
        f"{ada.reference} Ada Lovelace EIG 12 Développeur·se Déposée 4,00 1"
    ]
    assert page.texts("p", css_class="errornote") == [
        "Seules les candidatures déposées, ou déjà décidées pour revenir sur la décision, passent au statut "
        f"« Présélectionnée » ; ignorées : {draft.reference} (Brouillon)."
    ]
    ada.refresh_from_db()
    assert ada.status == "submitted"


def test_admin_preselect_confirmed_decides_and_emails_each_candidate(
    client, staff, cohort, django_capture_on_commit_callbacks, mailoutbox
):
    ada = ApplicationFactory(submitted=True, cohort=cohort, candidate=candidate("Ada", "Lovelace"))
    grace = ApplicationFactory(submitted=True, cohort=cohort, candidate=candidate("Grace", "Hopper"))

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, "preselect", [ada, grace], post="yes", note="Jury du 3 mai")

    assert [str(m) for m in response.context["messages"]] == [
        "2 candidatures présélectionnées. Chaque candidat·e en est informé·e par e-mail."
    ]
    assert sorted(
        ApplicationTransition.objects.values_list("application", "from_status", "to_status", "by", "note")
    ) == [
        (ada.pk, "submitted", "preselected", staff.pk, "Jury du 3 mai"),
        (grace.pk, "submitted", "preselected", staff.pk, "Jury du 3 mai"),
    ]
    assert sorted((m.to, m.subject) for m in mailoutbox) == [
        (["ada.lovelace@example.org"], "[EIG] Vous êtes présélectionné·e pour la promotion EIG 12"),
        (["grace.hopper@example.org"], "[EIG] Vous êtes présélectionné·e pour la promotion EIG 12"),
    ]
    assert "votre candidature à la promotion EIG 12 est présélectionnée" in mailoutbox[0].body
    wishes = cohort.window(Step.WISHES)
    assert (
        f"Les défis seront dévoilés le {wishes.opens_display} : vous pourrez alors classer de 3 à 5 défis, "
        f"jusqu'au {wishes.deadline_display}." in mailoutbox[0].body.splitlines()
    )


def test_admin_not_preselect_confirmed_decides_and_emails(
    client, staff, cohort, django_capture_on_commit_callbacks, mailoutbox
):
    ada = ApplicationFactory(submitted=True, cohort=cohort, candidate=candidate("Ada", "Lovelace"))

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, "not_preselect", [ada], post="yes", note="")

    ada.refresh_from_db()
    assert ada.status == "not_preselected"
    assert [str(m) for m in response.context["messages"]] == [
        "1 candidature non présélectionnée. Chaque candidat·e en est informé·e par e-mail."
    ]
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["ada.lovelace@example.org"], "[EIG] Votre candidature à la promotion EIG 12")
    ]
    assert "n'a pas été retenue à l'issue de la présélection" in mailoutbox[0].body


def test_admin_decision_can_be_revised(client, staff, cohort, django_capture_on_commit_callbacks, mailoutbox):
    turned_down = ApplicationFactory(not_preselected=True, cohort=cohort)

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "preselect", [turned_down], post="yes")

    turned_down.refresh_from_db()
    assert turned_down.status == "preselected"
    assert [m.subject for m in mailoutbox] == ["[EIG] Vous êtes présélectionné·e pour la promotion EIG 12"]


def test_admin_decision_refused_when_no_application_can_take_it(client, staff, cohort, mailoutbox):
    draft = ApplicationFactory(complete=True, cohort=cohort)
    preselected = ApplicationFactory(preselected=True, cohort=cohort)

    response = decide(client, "preselect", [draft, preselected])

    assert response.redirect_chain == [(CHANGELIST, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Seules les candidatures déposées, ou déjà décidées pour revenir sur la décision, passent au statut "
        f"« Présélectionnée » ; ignorées : {draft.reference} (Brouillon), {preselected.reference} (Présélectionnée)."
    ]
    assert (ApplicationTransition.objects.count(), mailoutbox) == (0, [])


def test_admin_has_no_bulk_deletion(client, staff, cohort):
    ApplicationFactory(submitted=True, cohort=cohort)

    page = Page(client.get(CHANGELIST).content.decode())

    assert [o.attrs["value"] for o in page.find_all("option", inside=page.find_all("select", name="action")[0])] == [
        "",
        "preselect",
        "not_preselect",
        "export_csv",
        "export_xlsx",
    ]


def test_admin_review_and_wish_lists_open_read_only_for_staff(client, staff, cohort):
    application = ApplicationFactory(submitted=True, cohort=cohort)
    PreselectionReviewFactory(application=application, scores=2)
    application.status = ApplicationStatus.PRESELECTED
    application.save()
    WishFactory(application=application, challenge=ChallengeFactory(selected=True, cohort=cohort))

    reviews = client.get(reverse("admin:applications_preselectionreview_changelist"))
    wishes = client.get(reverse("admin:applications_wish_changelist"))
    review_add = client.get(reverse("admin:applications_preselectionreview_add"))

    assert (reviews.status_code, wishes.status_code, review_add.status_code) == (200, 200, 403)
    assert Page(reviews.content.decode()).texts("td", css_class="field-mean_display") == ["2,00"]
    assert Page(wishes.content.decode()).texts("th", css_class="field-application_reference") == [
        application.reference
    ]
