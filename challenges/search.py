"""What the catalogue's French full-text search reads, and with which weight: the name (A), the
two-line problem (B), the public long texts (C) and the administration (D).

The vector is stored on each challenge (`Challenge.search_vector`, GIN-indexed) and computed from
the long texts' plain text (eig.markdown), so that a search finds words, never markup. It is
written by challenges.services.challenges_search_index, in the transaction that changes the texts."""

from django.contrib.postgres.search import SearchVector
from django.db.models import Value

from eig.markdown import markdown_to_text

# French stemming without accents (created by migration 0002): « sante » finds « santé ».
SEARCH_CONFIG = "french_unaccent"

# The long texts the catalogue shows, hence those a candidate may search.
SEARCHED_LONG_TEXTS = ("context", "solution", "benefits", "data_needed", "openness")
# Every field the vector depends on (with the administration's name and acronym).
SEARCHED_FIELDS = frozenset({"name", "summary", "administration", *SEARCHED_LONG_TEXTS})


def search_vector_of(challenge) -> SearchVector:
    """The search vector of `challenge` as it is now (reads its administration)."""
    administration = challenge.administration
    long_texts = "\n".join(markdown_to_text(getattr(challenge, name)) for name in SEARCHED_LONG_TEXTS)
    return (
        SearchVector(Value(challenge.name), weight="A", config=SEARCH_CONFIG)
        + SearchVector(Value(challenge.summary), weight="B", config=SEARCH_CONFIG)
        + SearchVector(Value(long_texts), weight="C", config=SEARCH_CONFIG)
        + SearchVector(Value(f"{administration.name} {administration.acronym}"), weight="D", config=SEARCH_CONFIG)
    )
