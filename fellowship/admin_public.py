"""The programme staff's admin for the teams' repositories: every cohort's, filtered by cohort and licence.
Staff declare and remove them here as the teams do on their page (the same rules: an http(s) address, a free
licence, each address once per challenge)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from auditions.admin import ProgrammeStaffBuildMixin, selected_challenges
from fellowship.models import Repository
from fellowship.repositories import url_check, url_normalised


class RepositoryAdminForm(forms.ModelForm):
    class Meta:
        model = Repository
        fields = ("challenge", "name", "url", "licence", "description")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The challenges' admin cannot serve an autocomplete (its ordering needs its list's annotations).
        self.fields["challenge"].queryset = selected_challenges()

    def clean_url(self):
        url = url_normalised(self.cleaned_data["url"])
        try:
            url_check(url)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return url


@admin.register(Repository)
class RepositoryAdmin(ProgrammeStaffBuildMixin, admin.ModelAdmin):
    form = RepositoryAdminForm
    list_display = ("name", "challenge", "cohort_display", "licence", "url", "declared_by", "created_at")
    list_filter = (("challenge__cohort", admin.RelatedOnlyFieldListFilter), "licence")
    search_fields = ("name", "url", "challenge__name")
    list_select_related = ("challenge__cohort", "declared_by")
    readonly_fields = ("declared_by", "created_at")
    fields = ("challenge", "name", "url", "licence", "description", "declared_by", "created_at")

    @admin.display(description=_("promotion"), ordering="challenge__cohort__number")
    def cohort_display(self, repository: Repository) -> str:
        return str(repository.challenge.cohort)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.declared_by = request.user
        super().save_model(request, obj, form, change)
