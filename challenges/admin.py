from django.contrib import admin

from challenges.models import Administration, Challenge


@admin.register(Administration)
class AdministrationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "parent_ministry")
    search_fields = ("name", "acronym", "parent_ministry")


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ("name", "administration", "cohort", "status")
    list_filter = ("cohort", "status")
    search_fields = ("name", "summary", "administration__name")
    list_select_related = ("administration", "cohort")
    autocomplete_fields = ("administration",)
