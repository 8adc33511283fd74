"""Retention by time travel (docs/personal-data.md): the notice 14 days before the purge date, the daily
purge (files off the disk, personal fields empty, the anonymous record and the audit row kept), the hold,
the consent to a longer retention, drafts never submitted, a fellow's contract data."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from applications.models import Application, ApplicationStatus, PreselectionReview
from applications.retention import RetentionClass, add_months, application_retention, could_be_due, retention_due
from applications.services import application_consent, application_hold, application_release, applications_purge_due
from applications.tasks import purge_due_files
from cohorts.calendar import typical_calendar
from eig.models import AuditAction, AuditEntry, User
from eig.reminders.services import reminders_sweep
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
PROJECTS_CALL_OPENS_AT = dt.datetime(2030, 1, 7, 23, 59, tzinfo=PARIS)
DAY = dt.timedelta(days=1)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def cohort():
    return CohortFactory(number=30, name="EIG 30", **typical_calendar(PROJECTS_CALL_OPENS_AT))


@pytest.fixture
def not_retained(cohort):
    """A candidate not pre-selected, whose file (written before the call closed) was reviewed."""
    with time_machine.travel(cohort.candidates_call_closes_at - DAY, tick=False):
        application = ApplicationFactory(cohort=cohort, not_preselected=True, submitted_at=dt.datetime.now(dt.UTC))
        PreselectionReviewFactory(application=application, assessment="Parcours trop court pour ce programme.")
    return application


@pytest.fixture
def sweep_at(mailoutbox, django_capture_on_commit_callbacks):
    def sweep(moment: dt.datetime) -> list[tuple[list[str], str]]:
        already = len(mailoutbox)
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            reminders_sweep()
        return [(message.to, message.subject) for message in mailoutbox[already:]]

    return sweep


@pytest.fixture
def purge_at(django_capture_on_commit_callbacks):
    def purge(moment: dt.datetime) -> int:
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            return purge_due_files()

    return purge


def test_add_months_keeps_the_day_or_the_month_end():
    assert add_months(dt.datetime(2030, 1, 31, 12, tzinfo=PARIS), 1) == dt.datetime(2030, 2, 28, 12, tzinfo=PARIS)
    assert add_months(dt.datetime(2030, 8, 15, tzinfo=PARIS), 6) == dt.datetime(2031, 2, 15, tzinfo=PARIS)
    assert add_months(dt.datetime(2030, 8, 15, tzinfo=PARIS), 24) == dt.datetime(2032, 8, 15, tzinfo=PARIS)


def test_a_not_retained_file_is_due_six_months_after_the_results(cohort, not_retained):
    retention = application_retention(not_retained)
    assert retention.data_class == RetentionClass.NOT_RETAINED
    assert retention.last_contact == cohort.results_at
    assert retention.due_at == add_months(cohort.results_at, 6)


def test_a_later_sign_in_is_the_last_contact(cohort, not_retained):
    signed_in = cohort.results_at + 40 * DAY
    User.objects.filter(pk=not_retained.candidate_id).update(last_login=signed_in)
    assert application_retention(not_retained).due_at == add_months(signed_in, 6)


def test_notified_14_days_before_then_purged_after(cohort, not_retained, sweep_at, purge_at):
    due = add_months(cohort.results_at, 6)
    candidate = not_retained.candidate
    cv_names = [not_retained.cv.name, not_retained.anonymised_cv.name]
    storage = not_retained.cv.storage
    assert all(storage.exists(name) for name in cv_names)

    assert sweep_at(due - 14 * DAY - MINUTE) == []
    sent = sweep_at(due - 14 * DAY + MINUTE)
    assert sent == [([candidate.email], f"[EIG] Votre dossier de candidature sera effacé le {paris_day(due)}")]
    # Exactly once: a later sweep sends nothing more.
    assert sweep_at(due - 7 * DAY) == []

    assert purge_at(due - MINUTE) == 0
    assert Application.objects.get(pk=not_retained.pk).purged_at is None

    assert purge_at(due + MINUTE) == 1
    purged = Application.objects.get(pk=not_retained.pk)
    # Files gone from disk, personal fields empty.
    assert not any(storage.exists(name) for name in cv_names)
    assert (purged.cv.name, purged.anonymised_cv.name) == ("", "")
    assert (purged.skills, purged.career_path, purged.motivation, purged.achievements, purged.links) == ("",) * 5
    assert PreselectionReview.objects.get(application=purged).assessment == ""
    # The anonymous record: status, profile, cohort, scores' rows, and when it was purged.
    assert (purged.status, purged.profile, purged.cohort_id, purged.years_of_experience) == (
        ApplicationStatus.NOT_PRESELECTED,
        "developer",
        cohort.pk,
        4,
    )
    assert purged.purged_at == due + MINUTE
    # One audit row, without personal data.
    entry = AuditEntry.objects.get(action=AuditAction.PURGE)
    assert (entry.object_type, entry.object_id, entry.actor_id) == ("applications.application", str(purged.pk), None)
    assert entry.summary == f"Candidature {purged.pk} effacée (not_retained)"
    assert entry.data == {"data_class": "not_retained", "cohort": cohort.pk}
    # Nothing else keeps the account: it is anonymised.
    account = User.objects.get(pk=candidate.pk)
    assert (account.email, account.first_name, account.last_name, account.is_active, account.is_candidate) == (
        f"compte-efface-{candidate.pk}@efface.invalid",
        "",
        "",
        False,
        False,
    )
    assert account.has_usable_password() is False
    assert AuditEntry.objects.filter(action=AuditAction.ACCOUNT, object_id=str(candidate.pk)).count() == 1
    # Idempotent: the next day's run finds nothing.
    assert purge_at(due + DAY) == 0
    assert AuditEntry.objects.filter(action=AuditAction.PURGE).count() == 1


def paris_day(instant: dt.datetime) -> str:
    months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    local = instant.astimezone(PARIS)
    return f"{local.day} {months[local.month - 1]} {local.year}"


def test_a_held_file_is_never_purged(cohort, not_retained, sweep_at, purge_at):
    due = add_months(cohort.results_at, 6)
    staff = UserFactory(staff=True)
    # Staff reading the site in English: the trail is written in the site's language all the same.
    with translation.override("en"):
        application_hold(application=not_retained, reason="Recours devant le tribunal administratif", by=staff)
    hold = AuditEntry.objects.get(action=AuditAction.HOLD)
    assert (hold.object_id, hold.data, hold.summary) == (
        str(not_retained.pk),
        {"held": True},
        f"Conservation de la candidature {not_retained.pk} (contentieux)",
    )

    assert sweep_at(due - 14 * DAY + MINUTE) == []
    assert purge_at(due + 30 * DAY) == 0
    kept = Application.objects.get(pk=not_retained.pk)
    assert (kept.purged_at, kept.motivation, bool(kept.cv)) == (None, not_retained.motivation, True)
    assert User.objects.get(pk=not_retained.candidate_id).email == not_retained.candidate.email

    application_release(application=not_retained, by=staff)
    assert purge_at(due + 31 * DAY) == 1
    assert list(AuditEntry.objects.filter(action=AuditAction.HOLD).order_by("id").values_list("data", flat=True)) == [
        {"held": True},
        {"held": False},
    ]


def test_a_consenting_candidate_is_kept_until_the_longer_period(cohort, not_retained, sweep_at, purge_at):
    with time_machine.travel(cohort.results_at - DAY, tick=False):
        application_consent(application=not_retained, consent=True)
    consent = AuditEntry.objects.get(action=AuditAction.CONSENT)
    assert (consent.object_id, consent.data) == (str(not_retained.pk), {"consent": True})
    retention = application_retention(not_retained)
    longer = add_months(cohort.results_at, 24)
    assert (retention.data_class, retention.due_at) == (RetentionClass.CONSENT, longer)

    short = add_months(cohort.results_at, 6)
    assert sweep_at(short - 14 * DAY + MINUTE) == []
    assert purge_at(short + DAY) == 0
    assert Application.objects.get(pk=not_retained.pk).purged_at is None

    assert sweep_at(longer - 14 * DAY + MINUTE) == [
        ([not_retained.candidate.email], f"[EIG] Votre dossier de candidature sera effacé le {paris_day(longer)}")
    ]
    assert purge_at(longer - MINUTE) == 0
    assert purge_at(longer + MINUTE) == 1
    assert AuditEntry.objects.get(action=AuditAction.PURGE).data["data_class"] == "consent"


def test_withdrawing_consent_brings_the_usual_period_back(cohort, not_retained):
    application_consent(application=not_retained, consent=True)
    application_consent(application=not_retained, consent=False)
    assert application_retention(not_retained).data_class == RetentionClass.NOT_RETAINED
    assert list(AuditEntry.objects.filter(action=AuditAction.CONSENT).values_list("data", flat=True)) == [
        {"consent": False},
        {"consent": True},
    ]


def test_a_draft_never_submitted_is_purged_30_days_after_the_call(cohort, purge_at):
    with time_machine.travel(cohort.candidates_call_closes_at - DAY, tick=False):
        draft = ApplicationFactory(cohort=cohort, complete=True)
    due = cohort.candidates_call_closes_at + 30 * DAY
    assert application_retention(draft).due_at == due
    assert purge_at(due - MINUTE) == 0
    assert purge_at(due + MINUTE) == 1
    purged = Application.objects.get(pk=draft.pk)
    assert (purged.status, purged.motivation, purged.cv.name) == (ApplicationStatus.DRAFT, "", "")
    assert AuditEntry.objects.get(action=AuditAction.PURGE).data["data_class"] == "draft"


def test_an_account_with_another_role_or_another_live_file_is_kept(cohort, not_retained, purge_at):
    User.objects.filter(pk=not_retained.candidate_id).update(is_agent=True)
    other = CohortFactory(number=31, name="EIG 31", **typical_calendar(PROJECTS_CALL_OPENS_AT + 365 * DAY))
    with time_machine.travel(cohort.candidates_call_closes_at - DAY, tick=False):
        second = ApplicationFactory(cohort=cohort, not_preselected=True)
        ApplicationFactory(cohort=other, candidate=second.candidate, not_preselected=True)
    assert purge_at(add_months(cohort.results_at, 6) + MINUTE) == 2
    assert User.objects.get(pk=not_retained.candidate_id).email == not_retained.candidate.email
    assert User.objects.get(pk=second.candidate_id).email == second.candidate.email


def test_the_daily_task_is_in_the_beat_schedule(settings):
    assert settings.CELERY_BEAT_SCHEDULE["purge-due-files"] == {
        "task": "applications.tasks.purge_due_files",
        "schedule": 24 * 60 * 60,
    }
    assert applications_purge_due.__module__ == "applications.services"


# --- The staff's page and the candidate's consent --------------------------------------------------------

# The session and its user, the second factor, the files due, the held files (the keepers in the same queries).
QUERIES = 5


@pytest.mark.parametrize("rows", [1, 3])
def test_staff_page_lists_what_is_due_with_a_constant_number_of_queries(
    client, cohort, rows, django_assert_num_queries
):
    """The files due within 30 days, each with its date and class, in the same number of queries at 1 and
    3 rows (and as many held files)."""
    staff = UserFactory(staff=True)
    with time_machine.travel(cohort.candidates_call_closes_at - DAY, tick=False):
        due_files = [ApplicationFactory(cohort=cohort, not_preselected=True) for _index in range(rows)]
        held_files = [ApplicationFactory(cohort=cohort, not_preselected=True) for _index in range(rows)]
    Application.objects.filter(pk__in=[a.pk for a in held_files]).update(held_at=cohort.results_at, hold_reason="x")
    due = add_months(cohort.results_at, 6)
    with time_machine.travel(due - 10 * DAY, tick=False):
        client.force_login(staff)
        with django_assert_num_queries(QUERIES):
            response = client.get(reverse("applications:retention_due"))
    html = " ".join(response.content.decode().split())
    for application in due_files:
        assert f'<tr id="due-application-{application.pk}"> <th scope="row">{application.reference}</th>' in html
    for application in held_files:
        assert f'id="held-application-{application.pk}"' in html
    assert html.count("Candidature non retenue</td>") == rows


def test_staff_hold_and_release_from_the_page(client, cohort, not_retained):
    staff = UserFactory(staff=True)
    client.force_login(staff)
    response = client.post(reverse("applications:retention_hold", kwargs={"pk": not_retained.pk}), {"reason": " "})
    assert response.status_code == 302
    assert Application.objects.get(pk=not_retained.pk).held_at is None
    client.post(reverse("applications:retention_hold", kwargs={"pk": not_retained.pk}), {"reason": "Contentieux"})
    held = Application.objects.get(pk=not_retained.pk)
    assert (held.hold_reason, held.held_by_id) == ("Contentieux", staff.pk)
    assert AuditEntry.objects.get(action=AuditAction.HOLD).actor_id == staff.pk
    page = client.get(reverse("applications:retention_due")).content.decode()
    assert f'id="held-application-{not_retained.pk}"' in page
    client.post(reverse("applications:retention_release", kwargs={"pk": not_retained.pk}))
    assert Application.objects.get(pk=not_retained.pk).held_at is None


def test_the_candidate_gives_consent_from_my_data(client, cohort, not_retained):
    client.force_login(not_retained.candidate)
    page = client.get(reverse("my_data")).content.decode()
    due = add_months(cohort.results_at, 6)
    assert f"Votre dossier sera effacé le {paris_day(due)}." in " ".join(page.split())
    response = client.post(
        reverse("applications:retention_consent", kwargs={"pk": not_retained.pk}), {"consent": "yes"}
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=not_retained.pk).retention_consent_at is not None
    page = client.get(reverse("my_data")).content.decode()
    assert f"Votre dossier sera effacé le {paris_day(add_months(cohort.results_at, 24))}." in " ".join(page.split())

    other = UserFactory(candidate=True)
    client.force_login(other)
    response = client.post(
        reverse("applications:retention_consent", kwargs={"pk": not_retained.pk}), {"consent": "no"}
    )
    assert response.status_code == 403
    assert Application.objects.get(pk=not_retained.pk).retention_consent_at is not None


def test_a_cohort_is_read_only_once_one_of_its_files_can_be_due(cohort, not_retained):
    """The pre-filter of the daily task and the reminders' sweep (in SQL): the earliest date a file of the
    cohort can be due is a draft's, 30 days after the call closes (within the 2-day margin)."""
    drafts_due = cohort.candidates_call_closes_at + 30 * DAY

    def read(horizon):
        return list(Application.objects.filter(could_be_due(horizon)))

    assert read(drafts_due - 2 * DAY - MINUTE) == []
    assert read(drafts_due - 2 * DAY + MINUTE) == [not_retained]
    assert retention_due(now=drafts_due + MINUTE) == []
    due = add_months(cohort.results_at, 6)
    assert [retention.application for retention in retention_due(now=due + MINUTE)] == [not_retained]


def test_the_pre_filter_counts_the_results_plus_the_shorter_period(cohort, not_retained):
    """With drafts kept a year, the results plus 6 months (the shorter of 6 and 24) come first."""
    cohort.retention_drafts_days = 365
    cohort.save()
    due = add_months(cohort.results_at, 6)

    assert list(Application.objects.filter(could_be_due(due - 3 * DAY))) == []
    assert list(Application.objects.filter(could_be_due(due - 2 * DAY + MINUTE))) == [not_retained]
