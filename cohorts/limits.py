"""The programme's limits, named once: services enforce them, messages interpolate them (never typed
twice), templates receive them in their context and the JavaScript reads them from data attributes."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Positions (seats) per challenge. Each cohort sets its usual range (Cohort.usual_positions_min and
# usual_positions_max); a challenge that needs another number asks for a derogation, which staff
# grant or refuse, within the programme's bounds.
PROGRAMME_MIN_POSITIONS, PROGRAMME_MAX_POSITIONS = 1, 4
DEFAULT_USUAL_POSITIONS_MIN, DEFAULT_USUAL_POSITIONS_MAX = 2, 3

# A pre-selected candidate ranks this many revealed challenges.
MIN_WISHES, MAX_WISHES = 3, 5

# A challenge's project team, and its project leads (the sponsor, HR and finance contacts are one each).
MAX_TEAM_MEMBERS = 10
MAX_PROJECT_LEADS = 2


def positions_text(count: int) -> str:
    """« 1 poste », « 4 postes »."""
    return ngettext("%(count)s poste", "%(count)s postes", count) % {"count": count}


def range_text(minimum: int, maximum: int) -> str:
    """A range of numbers as a French sentence says it: « 2 », « 2 ou 3 », « de 2 à 4 »."""
    if minimum == maximum:
        return str(minimum)
    if maximum == minimum + 1:
        return _("%(min)s ou %(max)s") % {"min": minimum, "max": maximum}
    return _("de %(min)s à %(max)s") % {"min": minimum, "max": maximum}
