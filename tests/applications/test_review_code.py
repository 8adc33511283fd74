"""The anonymous review code: reviewers know an application by a random code, never by its primary key or
the reference (C-<cohort>-<id>) that the admin shows next to names; the admin never shows the code."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from applications.models import REVIEW_CODE_ALPHABET, Application, new_review_code
from cohorts.models import GridStage, ScoringCriterion
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory, WishFactory
from tests.applications.test_export import csv_rows, xlsx_rows
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

CODE = re.compile(rf"^[{REVIEW_CODE_ALPHABET}]{{5}}-[{REVIEW_CODE_ALPHABET}]{{5}}$")


@pytest.fixture
def cohort():
    return CohortFactory(phase="preselection", name="EIG 12", number=12)


@pytest.fixture
def application(cohort):
    candidate = UserFactory(candidate=True, first_name="Hortense", last_name="Quillebeuf")
    return ApplicationFactory(submitted=True, cohort=cohort, candidate=candidate)


def test_new_review_code_is_random_and_readable():
    codes = {new_review_code() for _index in range(1000)}

    assert len(codes) == 1000
    assert all(CODE.match(code) for code in codes)


def test_each_application_gets_its_own_code_unrelated_to_its_reference():
    first, second = ApplicationFactory.create_batch(2)

    assert CODE.match(first.review_code)
    assert first.review_code != second.review_code
    for application in (first, second):
        assert str(application.pk) not in application.review_code
        assert application.review_code != application.reference


def test_review_code_is_unique_in_the_database(application):
    duplicate = ApplicationFactory.build(
        cohort=application.cohort, candidate=UserFactory(candidate=True), review_code=application.review_code
    )

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        duplicate.save()
    assert raised.value.__cause__.diag.constraint_name == "application_review_code_unique"
    with pytest.raises(ValidationError) as invalid:
        duplicate.validate_constraints()
    assert invalid.value.messages == ["Ce code d'évaluation anonyme est déjà pris par une autre candidature."]


def test_review_urls_carry_the_code_not_the_primary_key(application):
    code = application.review_code

    assert reverse("review:application", args=[code]) == f"/preselection/candidatures/{code}/"
    assert reverse("review:anonymised_cv", args=[code]) == f"/preselection/candidatures/{code}/cv-anonymise/"


def test_review_urls_by_primary_key_are_not_found(client, application):
    client.force_login(UserFactory(staff=True))

    assert client.get(f"/preselection/candidatures/{application.pk}/").status_code == 404
    assert client.get(f"/preselection/candidatures/{application.pk}/cv-anonymise/").status_code == 404


def test_review_pages_files_and_messages_never_show_the_admin_reference(client, cohort, application):
    reviewer = UserFactory(staff=True)
    client.force_login(reviewer)
    reviewed = ApplicationFactory(submitted=True, cohort=cohort)
    PreselectionReviewFactory(application=reviewed, reviewer=reviewer, scores=3)
    criteria = ScoringCriterion.objects.for_stage(cohort, GridStage.PRESELECTION)
    data = {f"criterion_{criterion.pk}": "4" for criterion in criteria}

    pages = {
        "queue": client.get(reverse("review:queue")),
        "ranking": client.get(reverse("review:ranking")),
        "review": client.get(reverse("review:application", args=[application.review_code])),
        "saved": client.post(
            reverse("review:application", args=[application.review_code]),
            {**data, "assessment": "Solide."},
            follow=True,
        ),
    }
    cv = client.get(reverse("review:anonymised_cv", args=[application.review_code]))

    for name, response in pages.items():
        html = response.content.decode()
        assert (name, application.reference in html, reviewed.reference in html) == (name, False, False)
        assert (name, application.review_code in html) == (name, True)
    assert Page(pages["saved"].content.decode()).texts("div", css_class="fr-alert--success") == [
        f"Votre évaluation de la candidature {application.review_code} est enregistrée."
    ]
    assert cv["Content-Disposition"] == f'inline; filename="{application.review_code}-cv-anonymise.pdf"'


def test_admin_never_shows_the_review_code(client, cohort, application):
    staff = UserFactory(staff=True)
    client.force_login(staff)
    PreselectionReviewFactory(application=application, reviewer=staff, scores=3)
    preselected = ApplicationFactory(preselected=True, cohort=cohort)
    wish = WishFactory(application=preselected, challenge=ChallengeFactory(selected=True, cohort=cohort))
    review_obj = application.reviews.get()

    pages = {
        "list": client.get(reverse("admin:applications_application_changelist")),
        "change": client.get(reverse("admin:applications_application_change", args=[application.pk])),
        "preselected": client.get(reverse("admin:applications_application_change", args=[preselected.pk])),
        "reviews": client.get(reverse("admin:applications_preselectionreview_changelist")),
        "review": client.get(reverse("admin:applications_preselectionreview_change", args=[review_obj.pk])),
        "wishes": client.get(reverse("admin:applications_wish_changelist")),
        "wish": client.get(reverse("admin:applications_wish_change", args=[wish.pk])),
    }
    exports = [
        csv_rows(client.get(reverse("admin:applications_application_export_csv"))),
        xlsx_rows(client.get(reverse("admin:applications_application_export_xlsx"))),
    ]

    for name, response in pages.items():
        html = response.content.decode()
        assert (name, response.status_code) == (name, 200)
        for code in (application.review_code, preselected.review_code):
            assert (name, code in html) == (name, False)
    # Searching by the code finds nothing: the admin cannot turn a code back into a name.
    search = client.get(reverse("admin:applications_application_changelist"), {"q": application.review_code})
    assert Page(search.content.decode()).find_all("th", css_class="field-reference_display") == []
    for rows in exports:
        assert [row[0] for row in rows[1:]] == [application.reference, preselected.reference]
        cells = [str(cell) for row in rows for cell in row]
        assert [application.review_code in cell or preselected.review_code in cell for cell in cells] == [False] * len(
            cells
        )


@pytest.mark.django_db(transaction=True)
def test_migration_gives_each_existing_application_its_own_code():
    executor = MigrationExecutor(connection)
    before, after = [("applications", "0001_initial")], [("applications", "0002_review_code")]
    try:
        executor.migrate(before)
        old_state = executor.loader.project_state(before).apps
        OldApplication = old_state.get_model("applications", "Application")
        cohort = old_state.get_model("cohorts", "Cohort").objects.get(pk=CohortFactory().pk)
        candidates = [UserFactory(candidate=True) for _index in range(3)]
        for candidate in candidates:
            OldApplication.objects.create(cohort_id=cohort.pk, candidate_id=candidate.pk)

        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        call_command("migrate", verbosity=0)

    codes = list(Application.objects.values_list("review_code", flat=True))
    assert len(codes) == 3
    assert len(set(codes)) == 3
    assert all(CODE.match(code) for code in codes)
