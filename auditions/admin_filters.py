"""The audition list's filters of what needs attention (auditions.selectors): below quorum, slot not
confirmed, scorecards missing after the audition; the rows each count of the staff dashboard links to."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from auditions.selectors import SLOT_UNCONFIRMED, below_quorum, scorecards_missing
from eig.admin_filters import condition_filter

QuorumListFilter = condition_filter(
    title=gettext_lazy("quorum du jury"),
    parameter="quorum",
    value="below",
    label=gettext_lazy("Sous le quorum"),
    apply=below_quorum,
)
SlotListFilter = condition_filter(
    title=gettext_lazy("créneau"),
    parameter="slot",
    value="unconfirmed",
    label=gettext_lazy("Sans créneau confirmé"),
    apply=lambda auditions: auditions.filter(SLOT_UNCONFIRMED),
)
ScorecardsListFilter = condition_filter(
    title=gettext_lazy("grilles des juré·es"),
    parameter="scorecards",
    value="missing",
    label=gettext_lazy("Audition passée, grilles manquantes"),
    apply=lambda auditions: auditions.filter(scorecards_missing(timezone.now())),
)
