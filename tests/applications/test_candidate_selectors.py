"""The reads behind the candidate's pages: the salary band, what is missing (with its field), and the
candidate's own application (the call and wishes windows: tests/cohorts/test_windows.py)."""

import pytest

from applications.forms import STEP_OF_FIELD
from applications.selectors import (
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


def test_application_missing_fields_name_a_field_of_a_step():
    application = ApplicationFactory()

    missing = application_missing_fields(application)

    assert [STEP_OF_FIELD[field] for field, _message in missing] == [1, 2, 3, 3, 4, 4, 2, 5, 5, 6, 6, 6, 6]


def test_application_missing_fields_of_a_complete_application_is_empty():
    assert application_missing_fields(ApplicationFactory(complete=True)) == []


def test_application_of_is_the_candidates_own_in_that_cohort():
    cohort = CohortFactory()
    mine = ApplicationFactory(cohort=cohort)
    ApplicationFactory(cohort=cohort)
    ApplicationFactory(candidate=mine.candidate)

    assert application_of(candidate=mine.candidate, cohort=cohort) == mine
    assert application_of(candidate=UserFactory(candidate=True), cohort=cohort) is None
