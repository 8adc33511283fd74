"""The programme staff's admin of the collective sessions: staff add and change a cohort's sessions here
(a change of time or place raises the session's SEQUENCE, fellowship.sessions.session_save, so that the
private feeds update everyone's calendar), and correct an attendance in the inline (only people expected
at the session). Date-times are typed in Paris time (eig.forms_datetime)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from auditions.admin import ProgrammeStaffBuildMixin
from eig.dates import paris_datetime
from fellowship.models import Attendance, Session
from fellowship.sessions import expected_people, session_save


class AttendanceInlineForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ("user", "status")

    def clean(self):
        cleaned_data = super().clean()
        user, session = cleaned_data.get("user"), self.instance.session
        if user is not None and not expected_people(session).filter(pk=user.pk).exists():
            self.add_error("user", _("Cette personne n'est pas attendue à cette session."))
        return cleaned_data


class AttendanceInline(ProgrammeStaffBuildMixin, admin.TabularInline):
    model = Attendance
    form = AttendanceInlineForm
    extra = 0
    fields = ("user", "status", "recorded_by", "recorded_at")
    readonly_fields = ("recorded_by", "recorded_at")
    autocomplete_fields = ("user",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "recorded_by")


@admin.register(Session)
class SessionAdmin(ProgrammeStaffBuildMixin, admin.ModelAdmin):
    list_display = ("title", "cohort", "starts_column", "audience", "mandatory", "sequence")
    list_filter = ("cohort", "audience", "mandatory")
    search_fields = ("title", "place")
    list_select_related = ("cohort",)
    readonly_fields = ("sequence", "created_at", "updated_at")
    inlines = [AttendanceInline]
    fieldsets = (
        (None, {"fields": ("cohort", "title", "description", "audience", "mandatory")}),
        (gettext_lazy("Date et lieu"), {"fields": ("starts_at", "ends_at", "place", "video_link", "sequence")}),
        (gettext_lazy("Suivi"), {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description=gettext_lazy("début"), ordering="starts_at")
    def starts_column(self, session: Session) -> str:
        return paris_datetime(session.starts_at)

    def save_model(self, request, obj, form, change):
        session_save(session=obj, changed=form.changed_data)

    def save_formset(self, request, form, formset, change):
        for attendance in formset.save(commit=False):
            attendance.recorded_by = request.user
            attendance.save()
        for attendance in formset.deleted_objects:
            attendance.delete()
