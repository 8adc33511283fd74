import datetime as dt

import pytest
from django.utils import translation

from eig.templatetags.eig_tags import file_size, paris_datetime


def test_paris_datetime_converts_from_utc_and_names_the_zone():
    # 21:59 UTC in April is 23:59 in Paris (summer time).
    value = dt.datetime(2022, 4, 19, 21, 59, tzinfo=dt.UTC)

    with translation.override("fr"):
        assert paris_datetime(value) == "19 avril 2022 à 23:59 (heure de Paris)"


def test_paris_datetime_in_winter():
    value = dt.datetime(2022, 1, 24, 8, 0, tzinfo=dt.UTC)

    with translation.override("fr"):
        assert paris_datetime(value) == "24 janvier 2022 à 09:00 (heure de Paris)"


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (None, ""),
        (1, "1\xa0octet"),
        (900, "900\xa0octets"),
        (2048, "2\xa0ko"),
        (5 * 1024 * 1024, "5\xa0Mo"),
        (int(1.5 * 1024 * 1024), "1,5\xa0Mo"),
        (3 * 1024**3, "3\xa0Go"),
    ],
)
def test_file_size_in_the_units_french_readers_know(size, shown):
    with translation.override("fr"):
        assert file_size(size) == shown
