"""Staff select challenges in the admin: the annotated list, bulk decisions through a confirmation page,
reopening, and the exported scores."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from challenges.models import Challenge, ChallengeStatus, ChallengeTransition
from cohorts.models import GridStage, ScoringCriterion
from tests.challenges.factories import AdministrationFactory, ChallengeEvaluationFactory, ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:challenges_challenge_changelist"
GRID_LABELS = [
    "Pertinence du besoin et portage",
    "Caractère entrepreneurial",
    "Engagement de la structure d'accueil",
    "Transformation numérique et éthique",
    "Ouverture et mutualisation",
]
EXPORT_HEADER = [
    "Promotion",
    "Défi",
    "Administration",
    "Statut",
    *GRID_LABELS,
    "Moyenne pondérée",
    "Nombre d'évaluations",
    "Avis favorables",
    "Coups de cœur",
    "Postes (profils)",
    "Ville",
]


def post_action(client, action: str, challenges, **data):
    """The change list's action form, as the "Go" button posts it."""
    return client.post(
        reverse(CHANGELIST),
        {"action": action, ACTION_CHECKBOX_NAME: [challenge.pk for challenge in challenges], "index": "0", **data},
    )


def confirm_action(client, action: str, challenges, note: str = "", **extra):
    """The confirmation page's form (`confirm_without_evaluation="on"` ticks the box that challenges no
    juror evaluated require)."""
    return client.post(
        reverse(CHANGELIST),
        {
            "action": action,
            ACTION_CHECKBOX_NAME: [challenge.pk for challenge in challenges],
            "post": "yes",
            "note": note,
            **extra,
        },
    )


def confirmed_names(response) -> list[str]:
    page = Page(response.content.decode())
    return page.texts("th", scope="row", inside=page.find_all("table", id="challenges-to-change")[0])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


@pytest.fixture
def staff():
    return UserFactory(superuser=True, email="equipe@example.org")


@pytest.fixture
def cohort():
    return CohortFactory(phase="challenge_selection", name="EIG 12")


@pytest.fixture
def three_evaluated(client, cohort):
    """Three submitted challenges evaluated by two jurors: one on the evaluation page, one through the service."""
    jurors = [UserFactory(juror=True, second_factor=True) for _ in range(2)]
    cohort.challenge_jurors.add(*jurors)
    administration = AdministrationFactory(name="Direction des affaires maritimes", acronym="DAM")
    owners = {
        name: UserFactory(agent=True, email=f"{slug}@mer.gouv.fr")
        for name, slug in [("PrédiSauvetage", "predi"), ("b@liseNAV", "balise"), ("dataESR", "esr")]
    }
    challenges = {
        name: ChallengeFactory(cohort=cohort, administration=administration, submitted=True, name=name, owners=[owner])
        for name, owner in owners.items()
    }
    criteria = list(ScoringCriterion.objects.for_stage(cohort, GridStage.CHALLENGE_SELECTION))
    client.force_login(jurors[0])
    for name, scores, favourable, favourite in [
        ("PrédiSauvetage", [4, 4, 4, 4, 4], "favourable", "on"),
        ("b@liseNAV", [3, 3, 3, 2, 2], "favourable", ""),
        ("dataESR", [1, 1, 2, 2, 1], "unfavourable", ""),
    ]:
        data = {f"criterion_{criterion.pk}": str(score) for criterion, score in zip(criteria, scores, strict=True)}
        data.update(favourable=favourable, favourite=favourite, comment="")
        response = client.post(reverse("selection:challenge_evaluation", args=[challenges[name].pk]), data)
        assert response.status_code == 302
    ChallengeEvaluationFactory(challenge=challenges["PrédiSauvetage"], evaluator=jurors[1], scores=[3, 3, 3, 3, 4])
    ChallengeEvaluationFactory(
        challenge=challenges["b@liseNAV"], evaluator=jurors[1], scores=[2, 2, 2, 2, 2], favourable=False
    )
    client.logout()
    return challenges


def test_staff_evaluate_and_select_two_of_three_challenges_then_turn_down_the_third(
    client, staff, three_evaluated, django_capture_on_commit_callbacks, mailoutbox
):
    predi, balise, esr = three_evaluated["PrédiSauvetage"], three_evaluated["b@liseNAV"], three_evaluated["dataESR"]
    client.force_login(staff)

    # The list ranks the challenges by their mean score, with their evaluations.
    listing = client.get(reverse(CHANGELIST))
    rows = [
        (c.name, c.mean_score, c.evaluation_count, c.favourable_count, c.favourite_count)
        for c in listing.context["cl"].result_list
    ]
    assert rows == [
        ("PrédiSauvetage", Decimal("3.6"), 2, 2, 1),
        ("b@liseNAV", Decimal("2.3"), 2, 1, 0),
        ("dataESR", Decimal("1.4"), 1, 0, 0),
    ]

    # "Sélectionner" on two of them shows the confirmation page first; nothing changes yet.
    confirmation = post_action(client, "select_challenges", [predi, balise])
    page = Page(confirmation.content.decode())
    assert confirmation.status_code == 200
    assert confirmed_names(confirmation) == ["PrédiSauvetage", "b@liseNAV"]
    assert [i.attrs["value"] for i in page.find_all("input", name=ACTION_CHECKBOX_NAME)] == [
        str(predi.pk),
        str(balise.pk),
    ]
    assert Challenge.objects.filter(status=ChallengeStatus.SELECTED).count() == 0

    # Confirming selects them, logs the transitions and tells the owners.
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm_action(client, "select_challenges", [predi, balise], note="Jury du 8 avril")
    assert response.status_code == 302
    assert messages_of(response) == ["2 défis sélectionnés. Les porteur·ses en sont informé·es par e-mail."]
    assert dict(Challenge.objects.values_list("name", "status")) == {
        "PrédiSauvetage": "selected",
        "b@liseNAV": "selected",
        "dataESR": "submitted",
    }
    transitions = ChallengeTransition.objects.order_by("challenge__name")
    assert [(t.challenge.name, t.from_status, t.to_status, t.by, t.note) for t in transitions] == [
        ("PrédiSauvetage", "submitted", "selected", staff, "Jury du 8 avril"),
        ("b@liseNAV", "submitted", "selected", staff, "Jury du 8 avril"),
    ]
    assert all(t.at is not None for t in transitions)
    assert sorted((m.to, m.subject) for m in mailoutbox) == [
        (["balise@mer.gouv.fr"], "[EIG] Votre défi « b@liseNAV » est sélectionné"),
        (["predi@mer.gouv.fr"], "[EIG] Votre défi « PrédiSauvetage » est sélectionné"),
    ]

    # The third is turned down the same way.
    mailoutbox.clear()
    assert post_action(client, "turn_down_challenges", [esr]).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm_action(client, "turn_down_challenges", [esr])
    assert messages_of(response) == ["1 défi non retenu. Les porteur·ses en sont informé·es par e-mail."]
    esr.refresh_from_db()
    assert esr.status == ChallengeStatus.NOT_SELECTED
    assert list(ChallengeTransition.objects.filter(challenge=esr).values_list("from_status", "to_status", "by")) == [
        ("submitted", "not_selected", staff.pk)
    ]
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["esr@mer.gouv.fr"], "[EIG] Votre défi « dataESR » n'est pas retenu")
    ]

    # The export holds the scores.
    csv_rows = list(
        csv.reader(
            io.StringIO(
                b"".join(client.get(reverse("admin:challenges_challenge_export_csv")).streaming_content).decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    assert csv_rows == [
        EXPORT_HEADER,
        [
            "EIG 12",
            "PrédiSauvetage",
            "Direction des affaires maritimes (DAM)",
            "Sélectionné",
            "3,50",
            "3,50",
            "3,50",
            "3,50",
            "4,00",
            "3,60",
            "2",
            "2",
            "1",
            "Développeur·se, Data scientist",
            "Paris",
        ],
        [
            "EIG 12",
            "b@liseNAV",
            "Direction des affaires maritimes (DAM)",
            "Sélectionné",
            "2,50",
            "2,50",
            "2,50",
            "2,00",
            "2,00",
            "2,30",
            "2",
            "1",
            "0",
            "Développeur·se, Data scientist",
            "Paris",
        ],
        [
            "EIG 12",
            "dataESR",
            "Direction des affaires maritimes (DAM)",
            "Non retenu",
            "1,00",
            "1,00",
            "2,00",
            "2,00",
            "1,00",
            "1,40",
            "1",
            "0",
            "0",
            "Développeur·se, Data scientist",
            "Paris",
        ],
    ]
    workbook = load_workbook(io.BytesIO(client.get(reverse("admin:challenges_challenge_export_xlsx")).content))
    assert [list(row) for row in workbook.active.iter_rows(values_only=True)] == [
        EXPORT_HEADER,
        [
            "EIG 12",
            "PrédiSauvetage",
            "Direction des affaires maritimes (DAM)",
            "Sélectionné",
            3.5,
            3.5,
            3.5,
            3.5,
            4,
            3.6,
            2,
            2,
            1,
            "Développeur·se, Data scientist",
            "Paris",
        ],
        [
            "EIG 12",
            "b@liseNAV",
            "Direction des affaires maritimes (DAM)",
            "Sélectionné",
            2.5,
            2.5,
            2.5,
            2,
            2,
            2.3,
            2,
            1,
            0,
            "Développeur·se, Data scientist",
            "Paris",
        ],
        [
            "EIG 12",
            "dataESR",
            "Direction des affaires maritimes (DAM)",
            "Non retenu",
            1,
            1,
            2,
            2,
            1,
            1.4,
            1,
            0,
            0,
            "Développeur·se, Data scientist",
            "Paris",
        ],
    ]


def test_admin_list_sorts_by_each_evaluation_column(client, staff, three_evaluated):
    client.force_login(staff)
    columns = {"mean_score_display": 5, "evaluation_count_display": 6, "favourable_count_display": 7}

    orders = {
        column: [c.name for c in client.get(reverse(CHANGELIST), {"o": f"{index}"}).context["cl"].result_list]
        for column, index in columns.items()
    }

    assert orders == {
        "mean_score_display": ["dataESR", "b@liseNAV", "PrédiSauvetage"],
        "evaluation_count_display": ["dataESR", "PrédiSauvetage", "b@liseNAV"],
        "favourable_count_display": ["dataESR", "b@liseNAV", "PrédiSauvetage"],
    }


def test_admin_list_shows_scores_in_french_and_a_dash_without_evaluation(client, staff, cohort):
    ChallengeFactory(cohort=cohort, submitted=True, name="Sans évaluation")
    evaluated = ChallengeFactory(cohort=cohort, submitted=True, name="Évalué")
    ChallengeEvaluationFactory(challenge=evaluated, evaluator=UserFactory(juror=True), scores=[3, 3, 3, 3, 2])
    client.force_login(staff)

    page = Page(client.get(reverse(CHANGELIST)).content.decode())

    assert page.texts("td", css_class="field-mean_score_display") == ["2,80", "—"]
    assert page.texts("th", css_class="field-name") == ["Évalué", "Sans évaluation"]


def test_admin_list_filters_and_search(client, staff, cohort):
    other_cohort = CohortFactory(phase="challenge_selection")
    dam = AdministrationFactory(name="Direction des affaires maritimes", acronym="DAM")
    ChallengeFactory(cohort=cohort, administration=dam, submitted=True, name="PrédiSauvetage")
    ChallengeFactory(cohort=cohort, name="ArchiFiltre")
    ChallengeFactory(cohort=other_cohort, selected=True, name="Signaux Faibles")
    client.force_login(staff)

    def names(**params) -> list[str]:
        return sorted(c.name for c in client.get(reverse(CHANGELIST), params).context["cl"].result_list)

    assert names(cohort__id__exact=cohort.pk) == ["ArchiFiltre", "PrédiSauvetage"]
    assert names(status__exact="selected") == ["Signaux Faibles"]
    assert names(administration__id__exact=dam.pk) == ["PrédiSauvetage"]
    assert names(q="DAM") == ["PrédiSauvetage"]
    assert names(q="archi") == ["ArchiFiltre"]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_evaluated_challenge(cohort) -> None:
    challenge = ChallengeFactory(cohort=cohort, submitted=True, administration=AdministrationFactory())
    ChallengeEvaluationFactory(
        challenge=challenge, evaluator=UserFactory(juror=True), scores=[3, 2, 3, 2, 3], favourite=True
    )


def test_admin_list_query_count_does_not_grow(client, staff, cohort):
    client.force_login(staff)
    url = reverse(CHANGELIST)
    add_evaluated_challenge(cohort)
    with_one = count_queries(client, url)
    add_evaluated_challenge(cohort)
    add_evaluated_challenge(cohort)

    with_three = count_queries(client, url)

    assert with_three == with_one


@pytest.mark.parametrize("action", ["select_challenges", "turn_down_challenges"])
@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_admin_decision_refused_for_challenges_not_submitted(client, staff, cohort, action, status, mailoutbox):
    challenge = ChallengeFactory(cohort=cohort, complete=True, status=status, name="ArchiFiltre")
    client.force_login(staff)

    response = post_action(client, action, [challenge])

    assert response.status_code == 302
    label = ChallengeStatus(status).label
    target = "Sélectionné" if action == "select_challenges" else "Non retenu"
    assert messages_of(response) == [
        "Seuls les défis déposés, ou déjà décidés pour revenir sur la décision, passent au statut "
        f"« {target} » ; ignorés : ArchiFiltre ({label})."
    ]
    challenge.refresh_from_db()
    assert challenge.status == status
    assert ChallengeTransition.objects.count() == 0
    assert mailoutbox == []


def test_admin_decision_confirmation_leaves_out_the_challenges_it_cannot_decide(
    client, staff, cohort, django_capture_on_commit_callbacks
):
    submitted = ChallengeFactory(cohort=cohort, submitted=True, name="PrédiSauvetage")
    draft = ChallengeFactory(cohort=cohort, complete=True, name="ArchiFiltre")
    client.force_login(staff)

    confirmation = post_action(client, "select_challenges", [submitted, draft])
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm_action(client, "select_challenges", [submitted], confirm_without_evaluation="on")

    page = Page(confirmation.content.decode())
    assert confirmed_names(confirmation) == ["PrédiSauvetage"]
    assert page.texts("p", css_class="errornote") == [
        "Seuls les défis déposés, ou déjà décidés pour revenir sur la décision, passent au statut "
        "« Sélectionné » ; ignorés : ArchiFiltre (Brouillon)."
    ]
    assert dict(Challenge.objects.values_list("name", "status")) == {
        "PrédiSauvetage": "selected",
        "ArchiFiltre": "draft",
    }
    assert response.status_code == 302


def test_admin_decision_can_be_revised(client, staff, cohort, django_capture_on_commit_callbacks, mailoutbox):
    challenge = ChallengeFactory(cohort=cohort, selected=True, name="Hopkins")
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm_action(
            client, "turn_down_challenges", [challenge], note="Budget retiré", confirm_without_evaluation="on"
        )

    assert response.status_code == 302
    assert list(ChallengeTransition.objects.values_list("from_status", "to_status", "note")) == [
        ("selected", "not_selected", "Budget retiré")
    ]
    assert [m.subject for m in mailoutbox] == ["[EIG] Votre défi « Hopkins » n'est pas retenu"]


def test_admin_selecting_an_already_selected_challenge_is_refused(client, staff, cohort):
    challenge = ChallengeFactory(cohort=cohort, selected=True, name="Hopkins")
    client.force_login(staff)

    response = post_action(client, "select_challenges", [challenge])

    assert messages_of(response) == [
        "Seuls les défis déposés, ou déjà décidés pour revenir sur la décision, passent au statut "
        "« Sélectionné » ; ignorés : Hopkins (Sélectionné)."
    ]
    assert ChallengeTransition.objects.count() == 0


def test_admin_reopen_gives_a_submitted_challenge_back_as_draft_with_a_note(
    client, staff, cohort, django_capture_on_commit_callbacks, mailoutbox
):
    owner = UserFactory(agent=True, email="porteuse@mer.gouv.fr")
    challenge = ChallengeFactory(cohort=cohort, submitted=True, name="PrédiSauvetage", owners=[owner])
    selected = ChallengeFactory(cohort=cohort, selected=True, name="Hopkins")
    client.force_login(staff)

    confirmation = post_action(client, "reopen_challenges", [challenge, selected])
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm_action(client, "reopen_challenges", [challenge], note="Précisez le budget, merci.")

    assert confirmed_names(confirmation) == ["PrédiSauvetage"]
    assert messages_of(response) == [
        "1 défi rouvert pour modification. Les porteur·ses en sont informé·es par e-mail."
    ]
    assert dict(Challenge.objects.values_list("name", "status")) == {"PrédiSauvetage": "draft", "Hopkins": "selected"}
    assert list(ChallengeTransition.objects.values_list("from_status", "to_status", "by", "note")) == [
        ("submitted", "draft", staff.pk, "Précisez le budget, merci.")
    ]
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["porteuse@mer.gouv.fr"], "[EIG] Votre défi « PrédiSauvetage » est de nouveau modifiable")
    ]
    assert mailoutbox[0].body.splitlines()[4] == "Message de l'équipe : Précisez le budget, merci."


def test_admin_bulk_deletion_of_challenges_is_not_offered(client, staff, cohort):
    ChallengeFactory(cohort=cohort, submitted=True)
    client.force_login(staff)

    response = client.get(reverse(CHANGELIST))

    assert [value for value, _label in response.context["action_form"].fields["action"].choices] == [
        "",
        "select_challenges",
        "turn_down_challenges",
        "reopen_challenges",
        "grant_derogations",
        "refuse_derogations",
        "export_csv",
        "export_xlsx",
    ]
