"""The auditions in the admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from applications.admin import ProgrammeStaffAccessMixin, ReadOnlyAdminMixin
from auditions.models import Deliberation, DeliberationEntry, DeliberationTransition, ListVersion, ListVersionEntry
from eig.admin_decisions import ReadOnlyInline, TransitionLogInline

# --- Deliberations and validated lists (written on the deliberation and validation pages only) ------------


class DeliberationEntryInline(ReadOnlyInline):
    model = DeliberationEntry
    fields = ("application", "kind", "rank", "note")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("décisions du jury (en cours)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application__candidate", "application__cohort")


class ListVersionInline(ReadOnlyInline):
    model = ListVersion
    fields = ("number", "validated_by", "validated_at", "reason")
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("validated_by")


class DeliberationTransitionInline(TransitionLogInline):
    model = DeliberationTransition


@admin.register(Deliberation)
class DeliberationAdmin(ReadOnlyAdminMixin, ProgrammeStaffAccessMixin, admin.ModelAdmin):
    """The deliberations, for staff to look up: the jury decides on its page, the director validates on
    theirs; here, the decisions, the validated versions and the log."""

    list_display = ("challenge", "profile", "status", "closed_at", "validated_at")
    list_filter = ("status", "profile", "challenge__cohort")
    search_fields = ("challenge__name",)
    list_select_related = ("challenge",)
    fields = ("challenge", "profile", "status", "closed_at", "validated_at")
    readonly_fields = fields
    inlines = [DeliberationEntryInline, ListVersionInline, DeliberationTransitionInline]


class ListVersionEntryInline(ReadOnlyInline):
    model = ListVersionEntry
    fields = ("application", "kind", "rank", "note")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application__candidate", "application__cohort")


@admin.register(ListVersion)
class ListVersionAdmin(ReadOnlyAdminMixin, ProgrammeStaffAccessMixin, admin.ModelAdmin):
    """The validated versions of the lists, frozen."""

    list_display = ("deliberation", "number", "validated_by", "validated_at")
    list_filter = ("deliberation__challenge__cohort",)
    list_select_related = ("deliberation__challenge", "validated_by")
    fields = ("deliberation", "number", "validated_by", "validated_at", "reason")
    readonly_fields = fields
    inlines = [ListVersionEntryInline]
