"""The offers in the admin, to look up (read-only: staff act on the cohort's offers page,
fellowship.views.offers): filtered by status and cohort, each with its log."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy

from applications.admin import ProgrammeStaffAccessMixin, ReadOnlyAdminMixin
from eig.admin_decisions import TransitionLogInline
from eig.admin_filters import condition_filter
from fellowship.models import Offer, OfferTransition
from fellowship.selectors_offers import expiring


class OfferTransitionInline(TransitionLogInline):
    model = OfferTransition


# Open offers due within three days (fellowship.selectors_offers.expiring): the rows the staff dashboard's
# count links to.
ExpiringListFilter = condition_filter(
    title=gettext_lazy("échéance"),
    parameter="answer",
    value="expiring",
    label=gettext_lazy("En attente, échéance dans les 3 jours"),
    apply=lambda offers: offers.filter(expiring(timezone.now())),
)


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdminMixin, ProgrammeStaffAccessMixin, admin.ModelAdmin):
    list_display = ("application", "position", "status", "answer_by", "sent_at", "monthly_salary", "senior")
    list_filter = ("status", "application__cohort", ExpiringListFilter, "senior")
    search_fields = ("application__candidate__email", "application__candidate__last_name", "position__challenge__name")
    list_select_related = ("application__candidate", "position__challenge")
    fields = (
        "run",
        "application",
        "position",
        "previous",
        "status",
        "monthly_salary",
        "senior",
        "sent_at",
        "answer_by",
        "answered_at",
        "closed_at",
    )
    readonly_fields = fields
    inlines = [OfferTransitionInline]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
