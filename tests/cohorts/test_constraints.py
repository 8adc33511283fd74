import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cohorts.models import CALENDAR_CONSTRAINTS, Cohort
from tests.cohorts.factories import CohortFactory

pytestmark = pytest.mark.django_db

# For each calendar rule: the later field, the earlier one (moved just past the later one), the message.
WRONG_ORDERS = [
    (
        "cohort_projects_call_closes_after_opening",
        "projects_call_closes_at",
        "projects_call_opens_at",
        "L'appel à projets doit fermer après son ouverture.",
    ),
    (
        "cohort_challenge_selection_after_projects_call",
        "challenges_selected_at",
        "projects_call_closes_at",
        "La sélection des défis doit avoir lieu après la clôture de l'appel à projets.",
    ),
    (
        "cohort_candidates_call_closes_after_opening",
        "candidates_call_closes_at",
        "candidates_call_opens_at",
        "L'appel à candidatures doit fermer après son ouverture.",
    ),
    (
        "cohort_preselection_after_candidates_call",
        "preselection_results_at",
        "candidates_call_closes_at",
        "Les résultats de la présélection doivent suivre la clôture de l'appel à candidatures.",
    ),
    (
        "cohort_wishes_after_challenge_selection",
        "wishes_open_at",
        "challenges_selected_at",
        "Les vœux ne peuvent ouvrir qu'après la sélection des défis.",
    ),
    (
        "cohort_wishes_after_preselection",
        "wishes_open_at",
        "preselection_results_at",
        "Les vœux ne peuvent ouvrir qu'après les résultats de la présélection.",
    ),
    (
        "cohort_wishes_close_after_opening",
        "wishes_close_at",
        "wishes_open_at",
        "La saisie des vœux doit fermer après son ouverture.",
    ),
    (
        "cohort_auditions_after_wishes",
        "auditions_start_at",
        "wishes_close_at",
        "Les auditions doivent commencer après la clôture des vœux.",
    ),
    (
        "cohort_auditions_end_after_start",
        "auditions_end_at",
        "auditions_start_at",
        "Les auditions doivent se terminer après leur début.",
    ),
    (
        "cohort_results_after_auditions",
        "results_at",
        "auditions_end_at",
        "Les résultats doivent être publiés après la fin des auditions.",
    ),
    (
        "cohort_programme_after_results",
        "programme_starts_at",
        "results_at",
        "Le programme doit commencer après la publication des résultats.",
    ),
    (
        "cohort_programme_ends_after_start",
        "programme_ends_at",
        "programme_starts_at",
        "Le programme doit se terminer après son début.",
    ),
]


def test_every_calendar_constraint_has_a_wrong_order_case():
    assert sorted(name for name, *_ in WRONG_ORDERS) == sorted(c.name for c in CALENDAR_CONSTRAINTS)


@pytest.mark.parametrize(("constraint", "later", "earlier", "message"), WRONG_ORDERS)
def test_cohort_calendar_wrong_order_refused_by_database(constraint, later, earlier, message):
    cohort = CohortFactory.build()
    setattr(cohort, earlier, getattr(cohort, later) + dt.timedelta(minutes=1))

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        cohort.save()

    assert raised.value.__cause__.diag.constraint_name == constraint
    assert Cohort.objects.count() == 0


@pytest.mark.parametrize(("constraint", "later", "earlier", "message"), WRONG_ORDERS)
def test_cohort_calendar_wrong_order_explained_in_french(constraint, later, earlier, message):
    cohort = CohortFactory.build()
    setattr(cohort, earlier, getattr(cohort, later) + dt.timedelta(minutes=1))

    with pytest.raises(ValidationError) as raised:
        cohort.full_clean()

    assert raised.value.messages == [message]


def test_cohort_typical_calendar_is_valid():
    cohort = CohortFactory()

    cohort.full_clean()

    assert Cohort.objects.get() == cohort


def test_cohort_salary_bands_reversed_refused():
    cohort = CohortFactory.build(junior_monthly_salary=4000, senior_monthly_salary=3500)

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        cohort.save()

    assert raised.value.__cause__.diag.constraint_name == "cohort_salary_bands_order"
    with pytest.raises(ValidationError) as explained:
        cohort.full_clean()
    assert explained.value.messages == [
        "Le salaire senior doit être au moins égal au salaire junior, lui-même positif."
    ]


def test_cohort_acceptance_delay_out_of_range_refused():
    cohort = CohortFactory.build(acceptance_days=0)

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        cohort.save()

    assert raised.value.__cause__.diag.constraint_name == "cohort_acceptance_days_range"


@pytest.mark.parametrize(("years", "salary"), [(0, 3500), (5, 3500), (6, 4000), (20, 4000)])
def test_cohort_salary_for_experience(years, salary):
    cohort = CohortFactory.build()

    assert cohort.salary_for(years) == salary


@pytest.mark.parametrize(("minimum", "maximum"), [(0, 3), (3, 2), (2, 5)])
def test_cohort_usual_positions_out_of_the_programme_bounds_refused(minimum, maximum):
    cohort = CohortFactory.build(usual_positions_min=minimum, usual_positions_max=maximum)

    with pytest.raises(ValidationError) as explained:
        cohort.full_clean()
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        cohort.save()

    assert raised.value.__cause__.diag.constraint_name == "cohort_usual_positions_range"
    assert explained.value.messages == [
        "Le nombre habituel de postes par défi est compris entre 1 et 4, et son minimum ne dépasse pas son maximum."
    ]


@pytest.mark.parametrize(("minimum", "maximum"), [(1, 1), (2, 3), (4, 4)])
def test_cohort_usual_positions_within_the_programme_bounds(minimum, maximum):
    cohort = CohortFactory(usual_positions_min=minimum, usual_positions_max=maximum)

    cohort.full_clean()

    assert (cohort.usual_positions_min, cohort.usual_positions_max) == (minimum, maximum)


def test_cohort_usual_positions_default_to_two_or_three():
    assert (Cohort().usual_positions_min, Cohort().usual_positions_max) == (2, 3)
