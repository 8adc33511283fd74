"""The programme staff's admin for the auditions: juries and their members (invited by e-mail from here),
the auditions (added, booked, moved through the services; cancelled through the admin's decision flow,
eig.admin_decisions), « Proposer les auditions » from the candidates' wishes, the declarations (read-only:
each is kept as made) and the candidates' unavailabilities. Date-times are typed in Paris time
(eig.forms_datetime)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from applications.admin import ProgrammeStaffAccessMixin, ReadOnlyAdminMixin
from auditions.admin_convocations import CONVOCATION_DECISIONS, AnswerFilter
from auditions.admin_filters import QuorumListFilter, ScorecardsListFilter, SlotListFilter
from auditions.models import (
    AUDITION_LIFECYCLE,
    Audition,
    AuditionTransition,
    Declaration,
    Deliberation,
    DeliberationEntry,
    DeliberationTransition,
    Jury,
    JuryAvailability,
    JuryMember,
    ListVersion,
    ListVersionEntry,
    Unavailability,
)
from auditions.services import (
    audition_add,
    audition_cancel,
    audition_move,
    audition_unbook,
    auditions_propose,
    jury_bookings_sync,
    jury_invite,
    slot_display,
)
from challenges.models import Challenge, ChallengeStatus
from cohorts.models import Cohort
from eig.admin_decisions import Column, Decision, DecisionPage, ReadOnlyInline, TransitionLogInline, decision_actions
from eig.dates import paris_datetime
from eig.permissions import is_programme_staff

# --- Juries -------------------------------------------------------------------------------------------------


class ProgrammeStaffBuildMixin(ProgrammeStaffAccessMixin):
    """Programme staff build the auditions from the admin by their role (eig.permissions): they also add
    juries, their members and availabilities, auditions and unavailabilities, and delete the rows the
    admin lets go (a member, an availability). The audition's inlines and lists say what is never deleted."""

    def has_add_permission(self, request, *args) -> bool:
        return is_programme_staff(request.user) or super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_programme_staff(request.user) or super().has_delete_permission(request, obj)


def invitation_state(member: JuryMember) -> str:
    """« Acceptée le … », « Envoyée le … (en attente) » or « Pas encore envoyée »."""
    if member.accepted_at:
        return _("Acceptée le %(date)s") % {"date": paris_datetime(member.accepted_at)}
    if member.invited_at:
        return _("Envoyée le %(date)s, en attente") % {"date": paris_datetime(member.invited_at)}
    return _("Pas encore envoyée")


class JuryMemberForm(forms.ModelForm):
    class Meta:
        model = JuryMember
        fields = ("email", "role")

    def clean_email(self):
        # Addresses are compared without case at acceptance; one seat per address, however typed.
        return self.cleaned_data["email"].strip().lower()


class JuryMemberInline(ProgrammeStaffBuildMixin, admin.TabularInline):
    """The jury's seats: an address and a role; the account is linked when the invitation is accepted."""

    model = JuryMember
    form = JuryMemberForm
    extra = 1
    fields = ("email", "role", "user", "invitation_display")
    readonly_fields = ("user", "invitation_display")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.display(description=gettext_lazy("invitation"))
    def invitation_display(self, member: JuryMember) -> str:
        return invitation_state(member) if member.pk else "—"


class JuryAvailabilityInline(ProgrammeStaffBuildMixin, admin.TabularInline):
    model = JuryAvailability
    extra = 0
    fields = ("starts_at", "ends_at")


def selected_challenges():
    # Named here rather than taken from the challenges' admin, whose ordering needs its list's annotations.
    return Challenge.objects.filter(status=ChallengeStatus.SELECTED).select_related("cohort").order_by("name")


class JuryAdminForm(forms.ModelForm):
    class Meta:
        model = Jury
        fields = ("cohort", "name", "challenges", "video_link")

    def clean(self):
        cleaned_data = super().clean()
        cohort, challenges = cleaned_data.get("cohort"), cleaned_data.get("challenges")
        if cohort and challenges:
            others = sorted(challenge.name for challenge in challenges if challenge.cohort_id != cohort.pk)
            if others:
                self.add_error(
                    "challenges",
                    _("Un jury auditionne pour les défis de sa promotion ; d'une autre promotion : %(names)s.")
                    % {"names": ", ".join(others)},
                )
        return cleaned_data


@admin.register(Jury)
class JuryAdmin(ProgrammeStaffBuildMixin, admin.ModelAdmin):
    form = JuryAdminForm
    list_display = ("name", "cohort", "challenges_display", "member_count", "pending_count")
    list_filter = ("cohort",)
    search_fields = ("name", "challenges__name", "members__email")
    search_help_text = gettext_lazy("Nom du jury, d'un de ses défis ou adresse e-mail d'un membre.")
    list_select_related = ("cohort",)
    filter_horizontal = ("challenges",)
    fields = ("cohort", "name", "challenges", "video_link")
    inlines = [JuryMemberInline, JuryAvailabilityInline]
    actions = ["invite_members", "resend_invitations"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("challenges", "members")

    def get_actions(self, request):
        # A jury that auditioned keeps its auditions: it is never deleted in bulk.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "challenges":
            kwargs["queryset"] = selected_challenges()
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "challenges":
            # Every cohort's selected challenges are offered: each says its cohort.
            field.label_from_instance = lambda challenge: f"{challenge.name} ({challenge.cohort})"
        return field

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A juror removed from the jury no longer holds the time of its auditions.
        jury_bookings_sync(jury_id=form.instance.pk)

    @admin.display(description=gettext_lazy("défis"))
    def challenges_display(self, jury: Jury) -> str:
        return ", ".join(sorted(challenge.name for challenge in jury.challenges.all())) or "—"

    @admin.display(description=gettext_lazy("membres"))
    def member_count(self, jury: Jury) -> int:
        return len(jury.members.all())

    @admin.display(description=gettext_lazy("invitations en attente"))
    def pending_count(self, jury: Jury) -> int:
        return sum(1 for member in jury.members.all() if member.accepted_at is None)

    @admin.action(description=gettext_lazy("Inviter les membres pas encore invités"), permissions=["change"])
    def invite_members(self, request, queryset):
        self._invite(request, queryset, resend=False)

    @admin.action(
        description=gettext_lazy("Renvoyer l'invitation aux membres qui ne l'ont pas acceptée"),
        permissions=["change"],
    )
    def resend_invitations(self, request, queryset):
        self._invite(request, queryset, resend=True)

    def _invite(self, request, queryset, *, resend: bool) -> None:
        invited = [member for jury in queryset for member in jury_invite(jury=jury, by=request.user, resend=resend)]
        if not invited:
            self.message_user(
                request,
                _("Aucune invitation envoyée : chaque membre de ces jurys a déjà été invité·e ou a accepté.")
                if not resend
                else _("Aucune invitation envoyée : chaque membre de ces jurys a accepté la sienne."),
                messages.WARNING,
            )
            return
        self.message_user(
            request,
            ngettext(
                "%(count)s invitation envoyée : %(emails)s.",
                "%(count)s invitations envoyées : %(emails)s.",
                len(invited),
            )
            % {"count": len(invited), "emails": ", ".join(member.email for member in invited)},
            messages.SUCCESS,
        )


# --- Auditions ----------------------------------------------------------------------------------------------


class AuditionTransitionInline(TransitionLogInline):
    model = AuditionTransition


def candidate_name(audition: Audition) -> str:
    candidate = audition.application.candidate
    return candidate.get_full_name() or candidate.email


CANCEL_PAGE = DecisionPage(
    intro=ngettext_lazy(
        "Cette audition passera au statut « %(status)s » :",
        "Ces %(count)s auditions passeront au statut « %(status)s » :",
        "count",
    ),
    left_out=gettext_lazy(
        "Une audition déjà annulée ne peut pas passer au statut « %(status)s » ; ignorées : %(names)s."
    ),
    describe=str,
    notice=gettext_lazy("Leur créneau est libéré pour le jury, le candidat ou la candidate et chaque juré·e."),
    told=gettext_lazy("Leur créneau est libéré."),
    note_help=gettext_lazy("Le motif est gardé dans l'historique de chaque audition."),
    table_id="auditions-to-cancel",
    columns=(
        Column(gettext_lazy("Candidat·e"), candidate_name),
        Column(gettext_lazy("Défi"), lambda audition: audition.challenge),
        Column(gettext_lazy("Jury"), lambda audition: audition.jury),
        Column(gettext_lazy("Créneau"), slot_display),
        Column(gettext_lazy("Statut actuel"), Audition.get_status_display),
    ),
    apply=lambda decision, auditions, by, data: [
        audition_cancel(audition=audition, by=by, reason=data["note"].strip()) for audition in auditions
    ],
    lifecycle=AUDITION_LIFECYCLE,
)
# The convocations' decision (auditions/admin_convocations.py), then the cancellation.
DECISIONS = (
    *CONVOCATION_DECISIONS,
    Decision(
        "cancel",
        (
            gettext_lazy("Annuler les auditions choisies"),
            gettext_lazy("Annuler ces auditions ?"),
            gettext_lazy("Oui, annuler"),
        ),
        ngettext_lazy("%(count)s audition annulée.", "%(count)s auditions annulées.", "count"),
        CANCEL_PAGE,
    ),
)


class AuditionAdminForm(forms.ModelForm):
    """Adding or changing an audition goes through the services: an audition added here is staff's
    (origin « Décision de l'équipe »), its slot is booked or moved with `audition_move` (a convened
    candidate gets the update), a slot emptied is freed with `audition_unbook`. What they refuse is shown
    on the form, nothing saved."""

    request = None  # set by AuditionAdmin.get_form

    class Meta:
        model = Audition
        fields = ("application", "challenge", "jury", "starts_at", "ends_at", "video_link")

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            with transaction.atomic():
                self.instance = self._write()
        except ValidationError as error:
            self.add_error(None, error.messages)

    def _write(self) -> Audition:
        data, by = self.cleaned_data, self.request.user
        adding = self.instance._state.adding
        audition = (
            audition_add(application=data["application"], challenge=data["challenge"], jury=data["jury"], by=by)
            if adding
            else self.instance
        )
        slot_fields = {"starts_at", "ends_at", "video_link"}
        if not slot_fields & set(self.changed_data):
            return audition
        if data.get("starts_at"):
            return audition_move(
                audition=audition,
                starts_at=data["starts_at"],
                ends_at=data.get("ends_at") if "ends_at" in self.changed_data else None,
                video_link=data.get("video_link", "") if "video_link" in self.changed_data else None,
                by=by,
            )
        if not adding and Audition.objects.filter(pk=audition.pk, starts_at__isnull=False).exists():
            return audition_unbook(audition=audition)
        return audition

    def save(self, commit=True):
        # The services saved it already (an audition has no many-to-many field).
        self.save_m2m = lambda: None
        return self.instance


@admin.register(Audition)
class AuditionAdmin(ProgrammeStaffBuildMixin, admin.ModelAdmin):
    form = AuditionAdminForm
    list_display = ("candidate_display", "challenge", "jury", "slot_column", "status_display", "origin")
    list_filter = (
        "application__cohort",
        "jury",
        "status",
        AnswerFilter,
        "origin",
        QuorumListFilter,
        SlotListFilter,
        ScorecardsListFilter,
    )
    search_fields = (
        "application__candidate__email",
        "application__candidate__first_name",
        "application__candidate__last_name",
        "challenge__name",
        "jury__name",
    )
    search_help_text = gettext_lazy("Nom ou adresse e-mail du candidat ou de la candidate, défi ou jury.")
    list_select_related = ("application__candidate", "application__cohort", "challenge", "jury")
    autocomplete_fields = ("application", "challenge", "jury")
    readonly_fields = (
        "status",
        "origin",
        "proposed_by",
        "proposal_reason",
        "sequence",
        "created_at",
        "convened_at",
        "answered_at",
        "cancelled_at",
    )
    inlines = [AuditionTransitionInline]
    actions = [*decision_actions(DECISIONS)]
    change_list_template = "auditions/admin/audition_change_list.html"

    def get_fieldsets(self, request, obj=None):
        who = ("application", "challenge", "jury")
        slot = ("starts_at", "ends_at", "video_link")
        if obj is None:
            return ((None, {"fields": who}), (gettext_lazy("Créneau (facultatif)"), {"fields": slot}))
        return (
            (None, {"fields": (*who, "status", "origin", "proposed_by", "proposal_reason")}),
            (gettext_lazy("Créneau"), {"fields": (*slot, "sequence")}),
            (gettext_lazy("Suivi"), {"fields": ("created_at", "convened_at", "answered_at", "cancelled_at")}),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # An audition stays with its candidate, challenge and jury: cancel it and add another.
        fixed = ("application", "challenge", "jury")
        if not obj.is_active:
            fixed = (*fixed, "starts_at", "ends_at", "video_link")
        return (*fixed, *self.readonly_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "challenge":
            kwargs["queryset"] = selected_challenges()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def save_model(self, request, obj, form, change):
        """The form's services saved the audition."""

    def get_actions(self, request):
        # An audition is cancelled (its slot freed, its history kept), never deleted.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("candidat·e"), ordering="application__candidate__last_name")
    def candidate_display(self, audition: Audition) -> str:
        return candidate_name(audition)

    @admin.display(description=gettext_lazy("créneau"), ordering="starts_at")
    def slot_column(self, audition: Audition) -> str:
        return slot_display(audition)

    @admin.display(description=gettext_lazy("statut"), ordering="status")
    def status_display(self, audition: Audition) -> str:
        return f"● {audition.get_status_display()}" if audition.is_active else f"○ {audition.get_status_display()}"

    # --- « Proposer les auditions »: from the pre-selected candidates' wishes ----------------------------

    def get_urls(self):
        return [
            path(
                "proposer/",
                self.admin_site.admin_view(self.propose_view),
                name="auditions_audition_propose",
            ),
            *super().get_urls(),
        ]

    def propose_view(self, request):
        """Choose a cohort, then each of its pre-selected candidates without an audition gets one for their
        best-ranked wish that has a jury; the page lists who was left without one, and why."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = ProposeForm(request.POST or None)
        proposal = None
        if request.method == "POST" and form.is_valid():
            try:
                proposal = auditions_propose(form.cleaned_data["cohort"], by=request.user)
            except ValidationError as error:
                form.add_error("cohort", error.messages)
            else:
                self.message_user(
                    request,
                    ngettext("%(count)s audition proposée.", "%(count)s auditions proposées.", len(proposal.created))
                    % {"count": len(proposal.created)},
                    messages.SUCCESS if proposal.created else messages.WARNING,
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Proposer les auditions"),
            "opts": self.model._meta,
            "form": form,
            "proposal": proposal,
            "changelist_url": reverse("admin:auditions_audition_changelist"),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "auditions/admin/propose.html", context)


class ProposeForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=gettext_lazy("Promotion"),
        queryset=Cohort.objects.order_by("-number"),
        empty_label=gettext_lazy("Choisissez une promotion"),
        error_messages={"required": gettext_lazy("Choisissez la promotion dont les auditions sont à proposer.")},
    )


# --- Declarations and unavailabilities ----------------------------------------------------------------------


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdminMixin, ProgrammeStaffAccessMixin, admin.ModelAdmin):
    """Every juror's declaration, for staff to look up: each is kept as made (none is changed or deleted)."""

    list_display = ("audition", "juror", "link", "created_at")
    list_filter = ("audition__application__cohort", "audition__jury", "link")
    search_fields = ("juror__email", "juror__last_name", "audition__application__candidate__email")
    list_select_related = (
        "audition__application__candidate",
        "audition__application__cohort",
        "audition__challenge",
        "juror",
    )
    fields = ("audition", "juror", "link", "note", "created_at")
    readonly_fields = fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Unavailability)
class UnavailabilityAdmin(ProgrammeStaffBuildMixin, admin.ModelAdmin):
    list_display = ("application", "starts_at", "ends_at", "note")
    list_filter = ("application__cohort",)
    search_fields = ("application__candidate__email", "application__candidate__last_name")
    list_select_related = ("application__candidate", "application__cohort")
    autocomplete_fields = ("application",)
    fields = ("application", "starts_at", "ends_at", "note")


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
