"""The rules as declared: their ledger keys, send points and the beat schedule that sweeps them."""

import datetime as dt

import pytest
from django.conf import settings

from cohorts.reminders import At, CohortRule
from eig.reminders.registry import Before, all_rules, rule_for_ledger_key
from tests.reminders.conftest import PARIS


def test_rules_registered_with_one_ledger_key_per_send_point():
    # A calendar rule's deadline is a Cohort field; the jurors' day schedule's is each audition day, a
    # collective session's reminder's the session's start.
    keys = {rule.key: (getattr(rule, "deadline_field", None), rule.ledger_keys) for rule in all_rules()}

    assert keys == {
        "challenge_draft": ("projects_call_closes_at", ["challenge_draft:7d", "challenge_draft:1d"]),
        "application_draft": ("candidates_call_closes_at", ["application_draft:7d", "application_draft:2d"]),
        "preselection_reviews": ("preselection_results_at", ["preselection_reviews:3d"]),
        "wishes_incomplete": (
            "wishes_close_at",
            ["wishes_incomplete:open", "wishes_incomplete:3d", "wishes_incomplete:1d"],
        ),
        "juror_day_schedule": (None, ["juror_day_schedule:eve"]),
        "audition_unscored": (
            "application__cohort__results_at",
            ["audition_unscored:after1d", "audition_unscored:2d"],
        ),
        "convocation_unanswered": ("answer_by", ["convocation_unanswered:24h"]),
        "declaration_missing": ("starts_at", ["declaration_missing:2d"]),
        "offer_unanswered": ("answer_by", ["offer_unanswered:7d", "offer_unanswered:2d", "offer_unanswered:1d"]),
        "session_eve": (None, ["session_eve:1d"]),
        "retention_notice": (None, ["retention_notice:14d"]),
    }


def test_rule_for_ledger_key_finds_the_rule_or_none():
    assert rule_for_ledger_key("wishes_incomplete:3d").key == "wishes_incomplete"
    assert rule_for_ledger_key("unknown:7d") is None


def test_before_counts_days_on_the_paris_calendar_across_a_change_of_clocks():
    deadline = dt.datetime(2030, 4, 2, 23, 59, tzinfo=PARIS)  # summer time since 31 March

    send_at = Before(days=7).send_at(None, deadline.astimezone(dt.UTC))

    assert send_at == dt.datetime(2030, 3, 26, 23, 59, tzinfo=PARIS)
    assert send_at.utcoffset() == dt.timedelta(hours=1)


def test_before_in_hours_counts_elapsed_time_across_a_change_of_clocks():
    deadline = dt.datetime(2030, 3, 31, 12, 0, tzinfo=PARIS)  # summer time since 02:00 that day

    before = Before(hours=24)

    assert (before.label, before.send_at(None, deadline)) == ("24h", dt.datetime(2030, 3, 30, 11, 0, tzinfo=PARIS))
    assert Before(days=1).send_at(None, deadline) == dt.datetime(2030, 3, 30, 12, 0, tzinfo=PARIS)


def test_rule_refuses_duplicate_send_points():
    with pytest.raises(ValueError, match="distinct labels"):
        CohortRule(
            key="twice",
            deadline_field="wishes_close_at",
            send_points=(Before(days=1), Before(days=1)),
            object_type="applications.application",
            recipients=lambda cohort_ids, now: [],
            still_to_act=lambda user_id, object_id, now: None,
            template="twice",
            action_url=lambda object_id: "/",
            reason="",
        )


def test_at_is_labelled_by_its_cohort_date():
    assert (At("wishes_open_at").label, At("auditions_start_at", name="auditions").label) == ("open", "auditions")


def test_beat_sweeps_reminders_every_15_minutes():
    assert settings.CELERY_BEAT_SCHEDULE["sweep-reminders"] == {
        "task": "eig.tasks.sweep_reminders",
        "schedule": 15 * 60,
    }
