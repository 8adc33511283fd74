"""Every e-mail carries one subject prefix, from settings.EMAIL_SUBJECT_PREFIX: ours (eig.emails renders
every app's subject) and allauth's."""

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse

from eig.emails import email_render
from tests.eig.factories import UserFactory

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"
cohort = SimpleNamespace(name="EIG 12")
challenge = SimpleNamespace(name="Lab Santé", administration="DINUM", status="selected")

candidate = SimpleNamespace(get_full_name="Camille Martin")
audition = SimpleNamespace(
    jury=SimpleNamespace(name="Jury Santé"),
    application=SimpleNamespace(candidate=candidate),
    starts_at=dt.datetime(2026, 5, 12, 7, 30, tzinfo=dt.UTC),
)
DATE = "12 mai 2026 à 09:30 (heure de Paris)"

# Every subject template under templates/emails/, with a context and the subject it gives.
SUBJECTS = {
    "auditions/below_quorum": (
        {"audition": audition, "candidate": "Camille Martin"},
        "[EIG] Quorum non atteint : Jury Santé, audition de Camille Martin",
    ),
    "auditions/convocation": ({"date": DATE}, f"[EIG] Action requise : confirmez votre audition du {DATE}"),
    "auditions/convocation_update": (
        {"date": DATE},
        f"[EIG] Action requise : nouvel horaire pour votre audition, le {DATE}",
    ),
    "auditions/convocation_cancelled": ({"date": DATE}, f"[EIG] Votre audition du {DATE} est annulée"),
    "auditions/invitation": (
        {"jury": SimpleNamespace(name="Jury Santé"), "cohort": cohort},
        "[EIG] Invitation à siéger au jury « Jury Santé » (EIG 12)",
    ),
    "fellowship/mentor_invitation": (
        {"challenge": challenge, "cohort": cohort},
        "[EIG] Invitation à mentorer l'équipe du défi « Lab Santé » (EIG 12)",
    ),
    "auditions/reminder_convocation": (
        {"audition": audition},
        f"[EIG] Action requise : confirmez votre audition du {DATE}",
    ),
    "auditions/reminder_declaration": (
        {"audition": audition},
        "[EIG] Action requise : déclarez vos liens avant l'audition de Camille Martin",
    ),
    "auditions/reminder_unscored": (
        {"audition": audition},
        "[EIG] Action requise : évaluez l'audition de Camille Martin",
    ),
    "auditions/result": (
        {"kind": "waiting", "challenge": challenge},
        "[EIG] Vous êtes sur la liste complémentaire du défi Lab Santé",
    ),
    "fellowship/offer": (
        {"challenge": challenge},
        "[EIG] Action requise : une offre pour le défi Lab Santé vous attend",
    ),
    "fellowship/offer_lapsed": ({"challenge": challenge}, "[EIG] Votre offre pour le défi Lab Santé a expiré"),
    "fellowship/offer_withdrawn": ({"challenge": challenge}, "[EIG] Votre offre pour le défi Lab Santé est retirée"),
    "fellowship/reminder_offer": (
        {"challenge": challenge, "deadline": dt.datetime(2026, 5, 12, 21, 59, 59, tzinfo=dt.UTC)},
        "[EIG] Action requise : répondez à l'offre du défi Lab Santé avant le 12 mai 2026 à 23:59 (heure de Paris)",
    ),
    "reminders/juror_day_schedule": (
        {"deadline": dt.datetime(2026, 5, 12, 7, 0, tzinfo=dt.UTC)},
        "[EIG] Vos auditions du 12 mai 2026",
    ),
    "fellowship/reminder_session": (
        {"session": SimpleNamespace(title="Bootcamp de rentrée", starts_at=audition.starts_at)},
        f"[EIG] Rappel : session « Bootcamp de rentrée » demain, le {DATE}",
    ),
    "applications/decided": (
        {"application": SimpleNamespace(status="preselected", cohort=cohort)},
        "[EIG] Vous êtes présélectionné·e pour la promotion EIG 12",
    ),
    "applications/submitted": (
        {"application": SimpleNamespace(cohort=cohort)},
        "[EIG] Votre candidature à la promotion EIG 12 est bien déposée",
    ),
    "challenges/administration_proposed": (
        {"administration": SimpleNamespace(name="Agence du numérique en santé")},
        "[EIG] Administration à confirmer : Agence du numérique en santé",
    ),
    "challenges/decided": ({"challenge": challenge}, "[EIG] Votre défi « Lab Santé » est sélectionné"),
    "challenges/derogation_decided": (
        {"challenge": SimpleNamespace(name="Lab Santé", derogation_status="granted")},
        "[EIG] Dérogation accordée pour le défi « Lab Santé »",
    ),
    "challenges/membership_decided": (
        {"administration": "DINUM", "approved": False},
        "[EIG] Votre demande de rattachement à DINUM est refusée",
    ),
    "challenges/membership_requested": (
        {"administration": "DINUM", "agent": SimpleNamespace(get_full_name="Camille Martin", email="c@dinum.fr")},
        "[EIG] Demande de rattachement à DINUM",
    ),
    "challenges/invitation": ({"challenge": challenge}, "[EIG] Invitation à porter le défi « Lab Santé »"),
    "challenges/reopened": ({"challenge": challenge}, "[EIG] Votre défi « Lab Santé » est de nouveau modifiable"),
    "challenges/submitted_staff": ({"challenge": challenge}, "[EIG] Nouveau défi déposé : Lab Santé (DINUM)"),
    "challenges/submitted": ({"challenge": challenge}, "[EIG] Votre défi « Lab Santé » est déposé"),
    "eig/contact_message": (
        {"subject": SimpleNamespace(label="Un problème d'accessibilité"), "name": "Camille Martin"},
        "[EIG] Contact : Un problème d'accessibilité — Camille Martin",
    ),
    "applications/retention_notice": (
        {"deadline": dt.datetime(2031, 2, 11, 22, 59, tzinfo=dt.UTC)},
        "[EIG] Votre dossier de candidature sera effacé le 11 février 2031",
    ),
    "reminders/application_draft": (
        {"cohort": cohort},
        "[EIG] Rappel : votre candidature à la promotion EIG 12 n'est pas encore déposée",
    ),
    "reminders/challenge_draft": (
        {"object": challenge},
        "[EIG] Rappel : votre défi « Lab Santé » n'est pas encore déposé",
    ),
    "reminders/preselection_reviews": (
        {"object": SimpleNamespace(unreviewed_count=2), "cohort": cohort},
        "[EIG] Rappel : 2 candidatures de la promotion EIG 12 attendent votre évaluation",
    ),
    "reminders/wishes_incomplete": (
        {"cohort": cohort},
        "[EIG] Rappel : classez au moins 3 défis dans vos vœux pour la promotion EIG 12",
    ),
}


def test_every_email_subject_template_is_checked_here():
    on_disk = {str(path.relative_to(EMAILS)).removesuffix("_subject.txt") for path in EMAILS.rglob("*_subject.txt")}

    assert on_disk == set(SUBJECTS)


@pytest.mark.parametrize("template", SUBJECTS)
def test_email_subject_starts_with_the_one_prefix(template):
    context, subject = SUBJECTS[template]

    rendered = email_render(template=f"emails/{template}", context=context, language="fr")

    assert rendered["subject"] == subject


def test_email_subject_prefix_comes_from_the_setting(settings):
    settings.EMAIL_SUBJECT_PREFIX = "[EIG 12] "

    rendered = email_render(template="emails/challenges/submitted", context={"challenge": challenge}, language="fr")

    assert rendered["subject"] == "[EIG 12] Votre défi « Lab Santé » est déposé"


def test_allauth_email_subject_has_the_same_prefix(settings):
    assert settings.ACCOUNT_EMAIL_SUBJECT_PREFIX == settings.EMAIL_SUBJECT_PREFIX == "[EIG] "


@pytest.mark.django_db
def test_password_reset_email_has_the_prefix(client, mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory(email="ada@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})

    assert [(message.to, message.subject) for message in mailoutbox] == [
        (["ada@example.org"], "[EIG] E-mail de réinitialisation de mot de passe")
    ]
