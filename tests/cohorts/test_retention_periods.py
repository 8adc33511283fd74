"""The « Durées de conservation » table of the personal-data page (templates/pages/_retention.html): the
current cohort's periods, or the CNIL defaults when there is none; the periods are checked by PostgreSQL."""

import html as html_lib
import re

import pytest
from django.db import IntegrityError
from django.template.loader import render_to_string

from cohorts.models import Cohort
from tests.cohorts.factories import CohortFactory

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[list[str]]:
    """The text of each cell of each body row of the table."""
    assert 'id="retention-periods"' in html
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [
            " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", cell)).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_defaults_without_a_cohort():
    rows = _rows(render_to_string("pages/_retention.html"))
    assert [row[:2] for row in rows] == [
        ["Candidatures non retenues : CV, textes, appréciations et notes", "6 mois"],
        ["Candidatures non retenues, avec votre accord", "24 mois"],
        ["Brouillons de candidature jamais déposés", "30 jours"],
        ["Données de contrat des entrepreneur·es d'intérêt général", "5 ans"],
        ["Compte", "jusqu'à sa suppression"],
    ]


def test_the_current_cohorts_values():
    CohortFactory(phase="candidates_call", name="EIG 12", retention_not_retained_months=3, retention_drafts_days=15)
    html = render_to_string("pages/_retention.html")
    assert "Durées de conservation (promotion EIG 12)" in " ".join(html.split())
    assert [row[1] for row in _rows(html)] == ["3 mois", "24 mois", "15 jours", "5 ans", "jusqu'à sa suppression"]


def test_consent_is_never_longer_than_24_months():
    cohort = CohortFactory()
    with pytest.raises(IntegrityError, match="cohort_retention_consent_at_most_24_months"):
        Cohort.objects.filter(pk=cohort.pk).update(retention_consent_months=25)
