import datetime as dt

from django.utils import translation

from eig.templatetags.eig_tags import paris_datetime


def test_paris_datetime_converts_from_utc_and_names_the_zone():
    # 21:59 UTC in April is 23:59 in Paris (summer time).
    value = dt.datetime(2022, 4, 19, 21, 59, tzinfo=dt.UTC)

    with translation.override("fr"):
        assert paris_datetime(value) == "19 avril 2022 à 23:59 (heure de Paris)"


def test_paris_datetime_in_winter():
    value = dt.datetime(2022, 1, 24, 8, 0, tzinfo=dt.UTC)

    with translation.override("fr"):
        assert paris_datetime(value) == "24 janvier 2022 à 09:00 (heure de Paris)"
