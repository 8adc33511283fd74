"""The programme staff's admin for the fellows and their mentors: looked up and corrected here (a mentor's
name or address, a fellow's mentors or contract dates); a fellow is made by an accepted offer
(fellowship.fellows.fellow_from_offer), never added by hand. « Renvoyer l'invitation » sends a mentor who
has not joined a new link."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from applications.admin import ProgrammeStaffAccessMixin
from eig.dates import paris_datetime
from fellowship.fellows import mentor_invite
from fellowship.models import Fellow, Mentor


@admin.register(Fellow)
class FellowAdmin(ProgrammeStaffAccessMixin, admin.ModelAdmin):
    list_display = ("user", "cohort", "challenge", "profile_display", "operational_mentor", "senior_mentor", "public")
    list_filter = ("cohort", "public")
    search_fields = ("user__email", "user__first_name", "user__last_name", "challenge__name")
    search_help_text = gettext_lazy("Nom ou adresse e-mail, ou nom du défi.")
    list_select_related = ("user", "cohort", "challenge", "position", "operational_mentor", "senior_mentor")
    fields = (
        "user",
        "cohort",
        "challenge",
        "position",
        "application",
        "offer",
        "operational_mentor",
        "senior_mentor",
        "starts_on",
        "ends_on",
        "public",
        "created_at",
    )
    readonly_fields = ("user", "cohort", "challenge", "position", "application", "offer", "public", "created_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A fellow's mentors are their challenge's.
        if db_field.name in {"operational_mentor", "senior_mentor"}:
            fellow_pk = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                Mentor.objects.filter(challenge__fellows__pk=fellow_pk) if fellow_pk else (Mentor.objects.none())
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("profil"), ordering="position__profile")
    def profile_display(self, fellow: Fellow) -> str:
        return fellow.position.get_profile_display()


@admin.register(Mentor)
class MentorAdmin(ProgrammeStaffAccessMixin, admin.ModelAdmin):
    list_display = ("name", "email", "kind", "challenge", "invitation_display")
    list_filter = ("challenge__cohort", "kind")
    search_fields = ("name", "email", "challenge__name")
    search_help_text = gettext_lazy("Nom ou adresse e-mail, ou nom du défi.")
    list_select_related = ("challenge",)
    fields = ("challenge", "kind", "contact", "name", "email", "user", "invited_at", "accepted_at")
    readonly_fields = ("challenge", "kind", "contact", "user", "invited_at", "accepted_at")
    actions = ["resend_invitations"]

    def has_add_permission(self, request) -> bool:
        # Mentors come from the challenge's contacts when a laureate accepts an offer.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("invitation"))
    def invitation_display(self, mentor: Mentor) -> str:
        if mentor.accepted_at:
            return _("Acceptée le %(date)s") % {"date": paris_datetime(mentor.accepted_at)}
        if mentor.invited_at:
            return _("Envoyée le %(date)s, en attente") % {"date": paris_datetime(mentor.invited_at)}
        return _("Pas encore envoyée")

    @admin.action(description=gettext_lazy("Renvoyer l'invitation aux mentor·es sélectionné·es"))
    def resend_invitations(self, request, queryset):
        sent = 0
        for mentor in queryset.order_by("pk"):
            try:
                mentor_invite(mentor=mentor, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.WARNING)
            else:
                sent += 1
        self.message_user(
            request,
            ngettext("%(count)d invitation renvoyée.", "%(count)d invitations renvoyées.", sent) % {"count": sent},
            messages.SUCCESS,
        )
