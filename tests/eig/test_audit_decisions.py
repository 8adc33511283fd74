"""Every kind of decision, and every CV opened by someone else than its candidate, leaves its row in the
audit trail (eig.audit), written by the one shared mechanism it goes through: the lifecycles, the scoring
block, the lists' and offers' services, eig.storage, eig.exports. Exact action, summary, object and author."""

import pytest
from django.urls import reverse

from applications.services import application_review, applications_decide
from auditions.declarations import audition_declare
from auditions.deliberation import deliberation_validate
from auditions.models import AuditionScorecard, Link, ListKind
from challenges.services import challenge_withdraw
from cohorts.models import GridStage
from cohorts.profiles import Profile
from eig.audit.models import AuditEntry
from fellowship.models import Offer
from fellowship.offers import offer_accept, offer_decline, offer_withdraw, waiting_list_pause, waiting_list_resume
from fellowship.runs import choice_remove, choice_set, run_create, run_validate
from tests.applications.factories import ApplicationFactory
from tests.auditions.factories import audition_scorecard, deliberation_closed, deliberation_world
from tests.auditions.juror_kit import booked_audition, jurors_of
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import grid_scores
from tests.eig.factories import UserFactory
from tests.fellowship.factories import laureates_world
from tests.fellowship.offers_world import offer_of, offers_world

pytestmark = pytest.mark.django_db


def rows(**filters) -> list[tuple]:
    """(action, summary, object type, object id, author's address) of the trail's rows, oldest first."""
    return list(
        AuditEntry.objects.filter(**filters)
        .order_by("at", "id")
        .values_list("action", "summary", "object_type", "object_id", "actor_email")
    )


def test_an_application_status_change_is_recorded_with_ids_and_statuses_only():
    application = ApplicationFactory(submitted=True)
    staff = UserFactory(staff=True, email="equipe@example.org")

    applications_decide(applications=[application], preselected=True, by=staff, note="Très bon dossier de Mme X")

    assert rows() == [
        (
            "status",
            f"Candidature n°{application.pk} : déposée → présélectionnée",
            "applications.application",
            str(application.pk),
            "equipe@example.org",
        )
    ]
    # The note is free text: the transition log keeps it, the append-only trail only says there was one.
    assert AuditEntry.objects.get().data == {
        "transition": "preselect",
        "field": "status",
        "from": "submitted",
        "to": "preselected",
        "note": True,
    }


def test_a_challenge_status_change_is_recorded():
    challenge = ChallengeFactory(submitted=True)
    owner = challenge.owners.get()

    challenge_withdraw(challenge=challenge, by=owner)

    assert rows() == [
        ("status", f"Défi n°{challenge.pk} : déposé → retiré", "challenges.challenge", str(challenge.pk), owner.email)
    ]


def test_a_preselection_review_created_then_changed_records_old_and_new_scores_never_the_text():
    application = ApplicationFactory(submitted=True)
    reviewer = UserFactory(staff=True, email="relecture@example.org")
    scores = grid_scores(application.cohort, GridStage.PRESELECTION, [3, 3, 3, 3, 3, 3])
    criteria = list(scores)

    review = application_review(application=application, reviewer=reviewer, scores=scores, assessment="Solide.")
    changed = {**scores, criteria[0]: 5, criteria[1]: 1}
    application_review(application=application, reviewer=reviewer, scores=changed, assessment="Solide, motivé.")

    object_ = ("applications.application", str(application.pk), "relecture@example.org")
    assert rows() == [
        ("score", f"Candidature n°{application.pk} : évaluation de présélection n°{review.pk} créée", *object_),
        (
            "score",
            f"Candidature n°{application.pk} : évaluation de présélection n°{review.pk} modifiée "
            "(2 notes changées, commentaire modifié)",
            *object_,
        ),
    ]
    created, revised = AuditEntry.objects.order_by("id")
    assert created.data == {
        "scorecard": "applications.preselectionreview",
        "scorecard_id": review.pk,
        "created": True,
        "scores": [{"criterion": pk, "before": None, "after": 3} for pk in criteria],
        "values": {},
        "texts_changed": ["assessment"],
        "comments_changed": [],
    }
    assert revised.data["scores"] == [{"criterion": pk, "before": 3, "after": changed[pk]} for pk in criteria]
    assert (revised.data["created"], revised.data["texts_changed"]) == (False, ["assessment"])
    assert "Solide" not in str(revised.data)


def test_an_audition_scorecard_records_its_opinion_and_which_comments_changed():
    audition = booked_audition()
    juror = jurors_of(audition)[0]
    audition_declare(audition=audition, juror=juror, link=Link.NONE, note="")
    criteria = list(grid_scores(audition.cohort, GridStage.AUDITION, 4))

    card = audition_scorecard(audition=audition, juror=juror, scores=4, comment="Bien.")
    audition_scorecard(
        audition=audition,
        juror=juror,
        scores=4,
        opinion="unfavourable",
        comment="Bien.",
        comments={criteria[0]: "Hésitant sur les données."},
    )

    assert rows(action="score") == [
        (
            "score",
            f"Audition n°{audition.pk} : évaluation d'une audition n°{card.pk} créée",
            "auditions.audition",
            str(audition.pk),
            juror.email,
        ),
        (
            "score",
            f"Audition n°{audition.pk} : évaluation d'une audition n°{card.pk} modifiée "
            "(avis modifié, commentaire modifié)",
            "auditions.audition",
            str(audition.pk),
            juror.email,
        ),
    ]
    revised = AuditEntry.objects.filter(action="score").latest("id")
    assert (revised.data["values"], revised.data["texts_changed"], revised.data["comments_changed"]) == (
        {"opinion": {"before": "favourable", "after": "unfavourable"}},
        [],
        [criteria[0]],
    )
    assert AuditionScorecard.objects.count() == 1


def test_the_jury_decisions_the_closing_and_the_directors_validation_of_a_list_version():
    world = deliberation_world(candidates=2)
    first, second = world.applications
    juror = world.jurors[0]
    director = UserFactory(director=True, email="direction@example.org")

    deliberation = deliberation_closed(world, (ListKind.MAIN, 1), (ListKind.WAITING, 1), by=juror)
    version = deliberation_validate(deliberation=deliberation, by=director)

    label = f"Délibération n°{deliberation.pk}"
    object_ = ("auditions.deliberation", str(deliberation.pk))
    assert rows() == [
        ("list", f"{label} : décisions enregistrées pour 2 candidatures", *object_, juror.email),
        ("list", f"{label} : en cours → close par le jury", *object_, juror.email),
        ("validation", f"{label} : close par le jury → validée par la direction", *object_, director.email),
        ("list", f"{label} : version n°1 des listes validée", *object_, director.email),
    ]
    assert AuditEntry.objects.order_by("id").first().data == {
        "decisions": [
            {"application": first.pk, "before": None, "after": {"kind": "main", "rank": 1}, "note_changed": False},
            {"application": second.pk, "before": None, "after": {"kind": "waiting", "rank": 1}, "note_changed": False},
        ]
    }
    assert AuditEntry.objects.order_by("id").last().data == {
        "version": version.pk,
        "number": 1,
        "previous": None,
        "entries": [
            {"application": first.pk, "kind": "main", "rank": 1},
            {"application": second.pk, "kind": "waiting", "rank": 1},
        ],
    }


def test_an_assignment_run_calculated_pinned_and_validated_then_its_offers_sent():
    world = laureates_world(challenges=1, main=1, waiting=0)
    staff = UserFactory(staff=True, email="equipe@example.org")
    challenge = world.challenges[0]
    laureate = world.lists[(challenge, Profile.DEVELOPER)][0]
    position = world.position(challenge, Profile.DEVELOPER)

    choice = choice_set(cohort=world.cohort, application=laureate, position=position, kind="pin", by=staff)
    choice_remove(choice=choice, by=staff)
    run = run_create(cohort=world.cohort, by=staff)
    before = AuditEntry.objects.count()
    run_validate(run=run, by=staff)

    cohort = ("cohorts.cohort", str(world.cohort.pk), "equipe@example.org")
    assert rows()[:3] == [
        ("assignment", f"Candidature n°{laureate.pk} sur le poste n°{position.pk} : imposé", *cohort),
        ("assignment", f"Candidature n°{laureate.pk} sur le poste n°{position.pk} : imposé retiré", *cohort),
        (
            "assignment",
            f"Affectation calculée n°{run.pk} : calcul n°1 de la promotion n°{world.cohort.pk} (optimal), "
            "2 placements",
            "fellowship.assignmentrun",
            str(run.pk),
            "equipe@example.org",
        ),
    ]
    validated, *offers = rows()[before:]
    assert validated == (
        "validation",
        f"Affectation calculée n°{run.pk} : proposée → validée",
        "fellowship.assignmentrun",
        str(run.pk),
        "equipe@example.org",
    )
    assert offers == [
        (
            "offer",
            f"Offre n°{offer.pk} envoyée : candidature n°{offer.application_id}, poste n°{offer.position_id}",
            "fellowship.offer",
            str(offer.pk),
            "equipe@example.org",
        )
        for offer in Offer.objects.filter(run=run).order_by("pk")
    ]


@pytest.mark.parametrize(
    ("answer", "summary_end"),
    [
        ("accept", "en attente de réponse → acceptée"),
        ("decline", "en attente de réponse → refusée"),
        ("withdraw", "en attente de réponse → retirée"),
    ],
)
def test_an_offer_accepted_declined_or_withdrawn(answer, summary_end):
    offers = offers_world(challenges=1, waiting=1)
    application = offers.people()[0]
    offer = offer_of(application)
    staff = offers.staff
    before = AuditEntry.objects.count()

    if answer == "accept":
        offer_accept(offer=offer, by=application.candidate)
    elif answer == "decline":
        offer_decline(offer=offer, by=application.candidate, reason="Je pars à l'étranger avec ma famille")
    else:
        offer_withdraw(offer=offer, by=staff, reason="Erreur de profil")

    author = staff.email if answer == "withdraw" else application.candidate.email
    recorded = rows()[before:]
    assert recorded[0] == ("offer", f"Offre n°{offer.pk} : {summary_end}", "fellowship.offer", str(offer.pk), author)
    if answer == "accept":
        # The accepted offer makes its person a fellow: that is recorded too, by the same author.
        fellow = offer.fellow
        assert recorded[1:] == [
            (
                "offer",
                f"Entrepreneur·e d'intérêt général n°{fellow.pk} : compte n°{application.candidate_id}, "
                f"d'après l'offre n°{offer.pk} acceptée",
                "fellowship.fellow",
                str(fellow.pk),
                author,
            )
        ]
    else:
        # The position passes to the next person of the list: that offer is recorded too.
        (next_offer,) = recorded[1:]
        nxt = offers.people()[1]
        assert next_offer[:2] == (
            "offer",
            f"Offre n°{offer_of(nxt).pk} envoyée : candidature n°{nxt.pk}, poste n°{offer.position_id}, "
            f"après l'offre n°{offer.pk}",
        )
    assert "étranger" not in str(list(AuditEntry.objects.values_list("summary", "data")))


def test_a_waiting_list_paused_then_resumed():
    offers = offers_world(challenges=1, waiting=1)
    challenge = offers.world.challenges[0]
    before = AuditEntry.objects.count()

    waiting_list_pause(challenge=challenge, profile=Profile.DEVELOPER, by=offers.staff, reason="Litige en cours")
    waiting_list_resume(challenge=challenge, profile=Profile.DEVELOPER, by=offers.staff)

    object_ = ("challenges.challenge", str(challenge.pk), offers.staff.email)
    assert rows()[before:] == [
        ("list", f"Liste complémentaire du défi n°{challenge.pk}, profil Développeur·se : mise en pause", *object_),
        ("list", f"Liste complémentaire du défi n°{challenge.pk}, profil Développeur·se : reprise", *object_),
    ]


# --- Personal files, through the real views ---------------------------------------------------------------


def test_a_cv_opened_by_staff_is_recorded_with_their_address(client):
    application = ApplicationFactory(submitted=True)
    staff = UserFactory(staff=True, email="equipe@example.org")
    client.force_login(staff)

    response = client.get(reverse("applications:cv", args=[application.pk, "cv"]), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.summary, entry.object_type, entry.object_id, entry.actor, entry.ip) == (
        "file",
        f"CV de la candidature n°{application.pk} consulté",
        "applications.application",
        str(application.pk),
        staff,
        "203.0.113.7",
    )
    assert entry.data == {"field": "cv", "filename": f"cv-{application.reference}.pdf"}


def test_the_anonymised_cv_opened_by_a_reviewer_is_recorded(client):
    application = ApplicationFactory(submitted=True)
    reviewer = UserFactory(staff=True)
    client.force_login(reviewer)

    response = client.get(reverse("review:anonymised_cv", args=[application.review_code]))

    assert response.status_code == 200
    assert rows() == [
        (
            "file",
            f"CV anonymisé de la candidature n°{application.pk} consulté",
            "applications.application",
            str(application.pk),
            reviewer.email,
        )
    ]


def test_a_cv_opened_by_a_juror_from_the_audition_is_recorded_with_the_audition(client):
    audition = booked_audition()
    juror = jurors_of(audition)[0]
    audition_declare(audition=audition, juror=juror, link=Link.NONE, note="")
    client.force_login(juror)

    response = client.get(reverse("auditions:cv", args=[audition.pk]))

    assert response.status_code == 200
    application = audition.application
    assert rows(action="file") == [
        (
            "file",
            f"CV de la candidature n°{application.pk} consulté",
            "applications.application",
            str(application.pk),
            juror.email,
        )
    ]
    assert AuditEntry.objects.get(action="file").data == {
        "field": "cv",
        "filename": f"cv-{application.reference}.pdf",
        "via": "auditions.audition",
        "via_id": audition.pk,
    }


def test_a_candidate_opening_their_own_cv_is_not_recorded(client):
    application = ApplicationFactory(complete=True)
    client.force_login(application.candidate)

    response = client.get(reverse("applications:cv", args=[application.pk, "cv"]))

    assert (response.status_code, AuditEntry.objects.count()) == (200, 0)


def test_a_missing_cv_is_not_recorded_as_opened(client):
    application = ApplicationFactory(submitted=True, cv=None)
    client.force_login(UserFactory(staff=True))

    response = client.get(reverse("applications:cv", args=[application.pk, "cv"]))

    assert (response.status_code, AuditEntry.objects.count()) == (404, 0)


def test_a_staff_export_of_personal_data_is_recorded_with_its_rows(client):
    offers = offers_world(challenges=1, waiting=0)
    offer_accept(offer=offer_of(offers.people()[0]), by=offers.people()[0].candidate)
    client.force_login(offers.staff)
    before = AuditEntry.objects.count()

    response = client.get(reverse("fellowship:hr_export", args=[offers.cohort.pk, "csv"]))

    assert response.status_code == 200
    (entry,) = AuditEntry.objects.order_by("id")[before:]
    assert (entry.action, entry.summary, entry.object_type, entry.object_id, entry.actor) == (
        "export",
        "Export CSV : les contrats des entrepreneur·es (export RH) (1 ligne)",
        "cohorts.cohort",
        str(offers.cohort.pk),
        offers.staff,
    )
