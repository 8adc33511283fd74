"""The audition list's filters of what needs attention (auditions.selectors): below quorum, slot not
confirmed, scorecards missing after the audition; the rows each count of the staff dashboard links to."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy

from auditions.selectors import SLOT_UNCONFIRMED, below_quorum, scorecards_missing


class QuorumListFilter(admin.SimpleListFilter):
    title = gettext_lazy("quorum du jury")
    parameter_name = "quorum"
    BELOW = "below"

    def lookups(self, request, model_admin):
        return [(self.BELOW, gettext_lazy("Sous le quorum"))]

    def queryset(self, request, queryset):
        return below_quorum(queryset) if self.value() == self.BELOW else queryset


class SlotListFilter(admin.SimpleListFilter):
    title = gettext_lazy("créneau")
    parameter_name = "slot"
    UNCONFIRMED = "unconfirmed"

    def lookups(self, request, model_admin):
        return [(self.UNCONFIRMED, gettext_lazy("Sans créneau confirmé"))]

    def queryset(self, request, queryset):
        return queryset.filter(SLOT_UNCONFIRMED) if self.value() == self.UNCONFIRMED else queryset


class ScorecardsListFilter(admin.SimpleListFilter):
    title = gettext_lazy("grilles des juré·es")
    parameter_name = "scorecards"
    MISSING = "missing"

    def lookups(self, request, model_admin):
        return [(self.MISSING, gettext_lazy("Audition passée, grilles manquantes"))]

    def queryset(self, request, queryset):
        return queryset.filter(scorecards_missing(timezone.now())) if self.value() == self.MISSING else queryset
