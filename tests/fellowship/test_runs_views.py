"""Staff's assignment pages: the run page's exact sentences, pin and forbid through the page then rerun, the
comparison of two runs, the validation with its reason, the weights, and flat query counts."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from challenges.models import Position
from cohorts.profiles import Profile
from fellowship.models import AssignmentChoice, AssignmentRun, ChoiceKind, RunStatus
from fellowship.runs import choice_set, run_create, run_result, run_validate
from tests.auditions.factories import JuryFactory
from tests.challenges.factories import ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.fellowship.factories import laureate, laureates_world, validated_list

pytestmark = pytest.mark.django_db

DEV, DATA = Profile.DEVELOPER, Profile.DATA_SCIENTIST


def challenge_with(cohort, name: str, *profiles):
    challenge = ChallengeFactory(cohort=cohort, selected=True, with_parts=False, name=name)
    for profile in profiles:
        PositionFactory(challenge=challenge, profile=profile)
    return challenge


@pytest.fixture
def tradeoff():
    """Xavier wishes Brest first and Arras second, first on both developer lists; Arras cannot run without
    him, so he goes to Arras and (Xavier, Brest) is a blocking pair kept for Arras's team. Calais has one
    listed developer only: it does not run, and Ulysse has no position."""
    cohort = CohortFactory(phase="acceptance")
    arras = challenge_with(cohort, "Arras", DEV, DATA)
    brest = challenge_with(cohort, "Brest", DEV, DEV, DATA)
    calais = challenge_with(cohort, "Calais", DEV, DATA)
    people = {}
    for first, last, profile, wishes in (
        ("Xavier", "Roux", DEV, [brest, arras]),
        ("Yasmine", "Blanc", DATA, [arras]),
        ("Wassim", "Noir", DEV, [brest]),
        ("Violette", "Vert", DATA, [brest]),
        ("Ulysse", "Gris", DEV, [calais]),
    ):
        people[first] = laureate(
            cohort, profile, wishes=wishes, candidate__first_name=first, candidate__last_name=last
        )
    validated_list(arras, DEV, main=[people["Xavier"]])
    validated_list(arras, DATA, main=[people["Yasmine"]])
    validated_list(brest, DEV, main=[people["Xavier"], people["Wassim"]])
    validated_list(brest, DATA, main=[people["Violette"]])
    validated_list(calais, DEV, main=[people["Ulysse"]])
    return cohort, (arras, brest, calais), people


@pytest.fixture
def staff(client):
    user = UserFactory(staff=True)
    client.force_login(user)
    return user


def test_the_run_page_shows_the_teams_why_a_challenge_does_not_run_and_the_blocking_pair(client, staff, tradeoff):
    cohort, (arras, brest, calais), people = tradeoff
    run = run_create(cohort=cohort, by=staff)

    response = client.get(reverse("fellowship:assignment_run", args=[run.pk]))

    page = response.context["page"]
    assert [(team.name, [(row.candidate, row.position) for row in team.rows]) for team in page.teams] == [
        ("Arras", [("Xavier Roux", "Arras — Développeur·se"), ("Yasmine Blanc", "Arras — Data scientist")]),
        ("Brest", [("Wassim Noir", "Brest — Développeur·se (poste 1)"), ("Violette Vert", "Brest — Data scientist")]),
    ]
    not_running = (
        "Le défi « Calais » ne part pas : ses listes ne suffisent pas à former une équipe, même sans concurrence "
        "des autres défis (équipe minimale : 2 ; équipe possible au plus : 1)."
    )
    blocking = (
        "Xavier Roux et le défi « Brest » se préféreraient l'un l'autre à leur résultat : Xavier Roux classe ce "
        "défi mieux (vœu n° 1 ; obtenu : « Arras », vœu n° 2), la liste « Développeur·se » lui donne le rang 1 et "
        "le poste « Brest — Développeur·se (poste 2) » est libre. Le résultat est gardé : sans Xavier Roux, le défi "
        "« Arras » tomberait sous son équipe minimale (2) et ne partirait pas."
    )
    assert page.not_running == (not_running,)
    assert page.text.blocking_pairs == (blocking,)
    content = response.content.decode()
    for sentence in (not_running, blocking, "Résultat optimal. Personnes placées : 4 ; défis qui partent : 2 sur 3."):
        assert escape(sentence) in content
    assert page.unplaced[0][0] == "Ulysse Gris reste sans poste. Ses choix, et pourquoi ils n'ont pas été retenus :"
    assert f'href="{reverse("fellowship:assignment_run_validate", args=[run.pk])}"' in content


def test_a_pin_through_the_page_is_honoured_by_the_next_run(client, staff, tradeoff):
    cohort, (arras, brest, _calais), people = tradeoff
    run = run_create(cohort=cohort, by=staff)
    position = Position.objects.filter(challenge=brest, profile=DEV).order_by("pk").first()

    response = client.post(
        reverse("fellowship:assignment_run", args=[run.pk]),
        {"application": people["Xavier"].pk, "position": position.pk, "kind": "pin", "note": "Son premier vœu"},
    )
    assert response.status_code == 302
    assert list(AssignmentChoice.objects.values_list("application", "position", "kind", "note")) == [
        (people["Xavier"].pk, position.pk, "pin", "Son premier vœu")
    ]

    response = client.post(reverse("fellowship:assignment_run_create", args=[cohort.pk]))

    rerun = AssignmentRun.objects.get(number=2)
    assert response["Location"] == reverse("fellowship:assignment_run", args=[rerun.pk])
    assert run_result(rerun).assignment[people["Xavier"].pk] == position.pk
    assert rerun.placements.get(application=people["Xavier"]).pinned is True


def test_a_forbid_from_a_placement_button_is_honoured_by_the_next_run(client, staff):
    world = laureates_world(challenges=1, main=1, waiting=1)
    challenge = world.challenges[0]
    main, waiting = world.lists[(challenge, DEV)]
    run = run_create(cohort=world.cohort, by=staff)
    position = world.position(challenge)

    client.post(
        reverse("fellowship:assignment_run", args=[run.pk]),
        {"application": main.pk, "position": position.pk, "kind": "forbid", "note": ""},
    )
    rerun = run_create(cohort=world.cohort, by=staff)

    assert AssignmentChoice.objects.get().kind == ChoiceKind.FORBID
    assert run_result(rerun).assignment[waiting.pk] == position.pk
    assert main.pk not in run_result(rerun).assignment


def test_a_choice_form_with_bad_input_says_so_and_keeps_the_note(client, staff, tradeoff):
    cohort, _challenges, people = tradeoff
    run = run_create(cohort=cohort, by=staff)

    response = client.post(
        reverse("fellowship:assignment_run", args=[run.pk]),
        {"application": people["Xavier"].pk, "position": "999999", "kind": "pin", "note": "Ma note"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"position": ["Choisissez un poste de la liste."]}
    assert "Ma note" in response.content.decode()
    assert AssignmentChoice.objects.count() == 0


def test_the_compare_page_shows_who_moved_from_where_to_where(client, staff, tradeoff):
    cohort, (arras, brest, _calais), people = tradeoff
    before = run_create(cohort=cohort, by=staff)
    position = Position.objects.filter(challenge=brest, profile=DEV).order_by("pk").first()
    choice_set(cohort=cohort, application=people["Xavier"], position=position, kind=ChoiceKind.PIN, by=staff)
    after = run_create(cohort=cohort, by=staff)

    response = client.get(reverse("fellowship:assignment_compare", args=[cohort.pk]), {"a": before.pk, "b": after.pk})

    moved = [(row["name"], row["before"], row["after"]) for row in response.context["rows"] if row["moved"]]
    # Wassim keeps his challenge and profile, on its other developer position (Xavier is pinned to his).
    assert moved == [
        ("Wassim Noir", "Brest — Développeur·se (poste 1)", "Brest — Développeur·se (poste 2)"),
        ("Xavier Roux", "Arras — Développeur·se", "Brest — Développeur·se (poste 1)"),
        ("Yasmine Blanc", "Arras — Data scientist", "Sans poste"),
    ]
    assert response.context["comparison"].moves == 3
    assert "Déplacé·e" in response.content.decode()


def test_the_cohort_pages_compare_form_comes_with_the_two_latest_runs_chosen(client, staff, tradeoff):
    # Its selects are required: with nothing chosen, « Comparer » would not even submit.
    cohort, _challenges, _people = tradeoff
    first, second, third = (run_create(cohort=cohort, by=staff) for _ in range(3))

    response = client.get(reverse("fellowship:assignment", args=[cohort.pk]))

    form = response.context["compare_form"]
    assert (form["a"].value(), form["b"].value()) == (second.pk, third.pk)
    content = response.content.decode()
    assert f'<option value="{second.pk}" selected>' in content
    assert f'<option value="{third.pk}" selected>' in content
    assert f'<option value="{first.pk}" selected>' not in content


def test_the_compare_page_refuses_the_same_run_twice(client, staff, tradeoff):
    cohort, _challenges, _people = tradeoff
    run = run_create(cohort=cohort, by=staff)

    response = client.get(reverse("fellowship:assignment_compare", args=[cohort.pk]), {"a": run.pk, "b": "nope"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"b": ["Choisissez une affectation de la liste."]}
    response = client.get(reverse("fellowship:assignment_compare", args=[cohort.pk]), {"a": run.pk, "b": run.pk})
    assert response.context["form"].non_field_errors() == ["Choisissez deux affectations différentes."]


def test_validating_over_a_validated_run_asks_for_the_reason_and_keeps_it(client, staff, tradeoff):
    cohort, _challenges, _people = tradeoff
    first, second = run_create(cohort=cohort, by=staff), run_create(cohort=cohort, by=staff)
    run_validate(run=first, by=staff)
    url = reverse("fellowship:assignment_run_validate", args=[second.pk])

    response = client.post(url, {"reason": ""})
    assert response.context["form"].errors == {
        "reason": ["Indiquez le motif du remplacement de l'affectation déjà validée."]
    }

    response = client.post(url, {"reason": "Un désistement"})

    assert response["Location"] == reverse("fellowship:assignment_run", args=[second.pk])
    assert list(AssignmentRun.objects.order_by("number").values_list("status", flat=True)) == [
        RunStatus.REPLACED,
        RunStatus.VALIDATED,
    ]
    page = client.get(response["Location"]).content.decode()
    assert f"Validée par {staff.get_full_name()} le " in page
    assert "Une affectation validée ne change plus" in page


def test_the_weights_form_refuses_a_zero_placement_weight_and_saves_valid_weights(client, staff):
    cohort = CohortFactory(phase="acceptance")
    url = reverse("fellowship:assignment", args=[cohort.pk])
    data = {
        "assignment_placement_weight": "0",
        "assignment_list_rank_weight": "12",
        "assignment_wish_rank_weight": "10",
        "assignment_jury_proposal_weight": "50",
        "assignment_running_challenge_weight": "0",
    }

    response = client.post(url, data)

    assert response.context["form"].errors == {
        "assignment_placement_weight": ["Chaque personne placée doit rapporter au moins un point."]
    }
    assert 'value="12"' in response.content.decode()
    response = client.post(url, {**data, "assignment_placement_weight": "900"})
    cohort.refresh_from_db()
    assert (response.status_code, cohort.assignment_placement_weight, cohort.assignment_list_rank_weight) == (
        302,
        900,
        12,
    )


def test_a_run_refused_says_why_on_the_cohort_page(client, staff):
    cohort = CohortFactory(phase="acceptance")

    response = client.post(reverse("fellowship:assignment_run_create", args=[cohort.pk]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Aucune liste validée pour cette promotion : le calcul attend la validation des listes des jurys."
    ]


def test_the_hub_links_each_cohort_to_its_assignment(client, staff):
    jury = JuryFactory()

    content = client.get(reverse("auditions:staff_hub")).content.decode()

    assert reverse("fellowship:assignment", args=[jury.cohort_id]) in content


@pytest.mark.parametrize("count", [1, 3])
def test_the_cohort_page_queries_are_the_same_for_1_and_3_runs(client, django_assert_num_queries, count, settings):
    settings.STAFF_MFA_REQUIRED = True
    world = laureates_world(challenges=1, main=1, waiting=0)
    staff = UserFactory(staff=True)
    for _ in range(count):
        run_create(cohort=world.cohort, by=staff)
        choice_set(
            cohort=world.cohort,
            application=world.lists[(world.challenges[0], DEV)][0],
            position=world.position(world.challenges[0]),
            kind=ChoiceKind.PIN,
            by=staff,
        )
    client.force_login(staff)
    url = reverse("fellowship:assignment", args=[world.cohort.pk])

    # The session, the user, the second factor, the cohort, the choices, the runs.
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_run_page_queries_are_the_same_for_1_and_3_challenges(client, django_assert_num_queries, count, settings):
    settings.STAFF_MFA_REQUIRED = True
    world = laureates_world(challenges=count, main=1, waiting=1)
    staff = UserFactory(staff=True)
    run = run_validate(run=run_create(cohort=world.cohort, by=staff), by=staff)
    client.force_login(staff)
    url = reverse("fellowship:assignment_run", args=[run.pk])

    # The session, the user, the second factor, the run, the candidates, the challenges, the positions, the
    # validation's log row.
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
