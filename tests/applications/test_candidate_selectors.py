"""The reads behind the candidate's pages: the salary band, what is missing (with its field), and the
candidate's own application (the call and wishes windows: tests/cohorts/test_windows.py)."""

import pytest

from applications.forms import STEP_OF_FIELD, STEPS
from applications.selectors import (
    IDENTITY,
    application_missing_fields,
    application_of,
    application_salary_band,
)
from tests.applications.factories import ApplicationFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("years", "senior", "salary"),
    [(0, False, 3500), (5, False, 3500), (6, True, 4000), (30, True, 4000)],
)
def test_application_salary_band_follows_the_cohort_threshold(years, senior, salary):
    cohort = CohortFactory()

    band = application_salary_band(cohort=cohort, years_of_experience=years)

    assert (band.senior, band.monthly_salary, band.threshold_years) == (senior, salary, 5)


def test_application_salary_band_without_experience_is_none():
    assert application_salary_band(cohort=CohortFactory(), years_of_experience=None) is None


def test_application_missing_fields_follow_the_steps_and_the_fields_of_each_step():
    application = ApplicationFactory()

    missing = [field for field, _message in application_missing_fields(application)]

    assert [STEP_OF_FIELD[field] for field in missing] == [1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 6, 6]
    form_order = [name for step in STEPS if step.form_class for name in step.form_class._meta.fields]
    assert missing == [name for name in form_order if name in missing]


def test_application_missing_fields_ask_first_for_the_name_of_an_account_without_one():
    application = ApplicationFactory(complete=True, candidate=UserFactory(candidate=True, first_name="", last_name=""))

    assert application_missing_fields(application) == [(IDENTITY, "Indiquez votre nom.")]


@pytest.mark.parametrize(("first_name", "last_name"), [("Ada", ""), ("", "Lovelace"), ("  ", "Lovelace")])
def test_application_missing_fields_need_both_first_and_last_name(first_name, last_name):
    candidate = UserFactory(candidate=True, first_name=first_name, last_name=last_name)

    missing = application_missing_fields(ApplicationFactory(complete=True, candidate=candidate))

    assert missing == [(IDENTITY, "Indiquez votre nom.")]


def test_application_missing_fields_of_a_complete_application_is_empty():
    assert application_missing_fields(ApplicationFactory(complete=True)) == []


def test_application_of_is_the_candidates_own_in_that_cohort():
    cohort = CohortFactory()
    mine = ApplicationFactory(cohort=cohort)
    ApplicationFactory(cohort=cohort)
    ApplicationFactory(candidate=mine.candidate)

    assert application_of(candidate=mine.candidate, cohort=cohort) == mine
    assert application_of(candidate=UserFactory(candidate=True), cohort=cohort) is None
