"""What needs attention now in a cohort (the staff dashboard): each item a count and the page where
staff act, listing exactly those objects."""

import datetime as dt
from dataclasses import dataclass

from cohorts.models import Cohort


@dataclass(frozen=True)
class AttentionItem:
    label: str
    count: int
    url: str


def attention_items(cohort: Cohort, *, now: dt.datetime) -> list[AttentionItem]:
    return []
