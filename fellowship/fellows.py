"""Fellows: an accepted offer makes its person a fellow of the cohort (the "fellows" part of issue 12
replaces this stub at merge)."""


def fellow_from_offer(*, offer):
    return None
