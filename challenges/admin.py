"""The programme staff's admin for administrations and challenges.

The challenge list carries each challenge's evaluation summary (sortable) and the derogation it asks
for; decisions, reopening and derogation decisions are bulk actions declared in challenges.admin_decisions
and taken through the admin's one decision flow (eig.admin_decisions) and the services (neither the
status nor the derogation is edited by hand); the filtered list exports to CSV and XLSX."""

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from challenges import exports
from challenges.admin_decisions import DECISIONS
from challenges.models import (
    CHALLENGE_TEXT_FIELDS,
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeEvaluation,
    ChallengeInvitation,
    ChallengeTransition,
    Contact,
    Position,
    TeamMember,
)
from challenges.selectors import challenges_with_evaluation_summary, unevaluated
from challenges.services import (
    administration_membership_grant,
    administration_memberships_decide,
    administration_save,
    administrations_confirm,
    challenge_staff_save,
)
from cohorts.scoring import score_display, scores_html
from eig import lifecycle
from eig.admin_decisions import ReadOnlyInline, TransitionLogInline, decision_actions
from eig.admin_exports import ListExportAdminMixin
from eig.admin_filters import condition_filter
from eig.cities import city_without_cedex
from eig.markdown import render_markdown

# The derogation, read-only on the challenge's page: staff decide it through the list's actions.
DEROGATION_FIELDS = (
    "derogation_positions",
    "derogation_reason",
    "derogation_status",
    "derogation_requested_at",
    "derogation_decided_by",
    "derogation_decided_at",
    "derogation_note",
)

# Sorting by mean score puts the challenges nobody evaluated yet after the others.
MEAN_SCORE_ORDER = Coalesce("mean_score", Value(Decimal(0)))


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    fields = ("profile", "mission")


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    fields = ("name", "role", "time_share")


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ("kind", "name", "job_title", "email", "phone")


class ChallengeTransitionInline(TransitionLogInline):
    model = ChallengeTransition


class ChallengeEvaluationInline(ReadOnlyInline):
    model = ChallengeEvaluation
    fields = (
        "evaluator",
        "scores_display",
        "weighted_mean",
        "favourable",
        "favourite",
        "comment_display",
        "updated_at",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_weighted_mean()
            .select_related("evaluator")
            .prefetch_related("scores__criterion")
        )

    @admin.display(description=gettext_lazy("notes"))
    def scores_display(self, evaluation: ChallengeEvaluation) -> str:
        return scores_html(evaluation)

    @admin.display(description=gettext_lazy("commentaire"))
    def comment_display(self, evaluation: ChallengeEvaluation) -> str:
        return render_markdown(evaluation.comment, heading_level=4)

    @admin.display(description=gettext_lazy("moyenne pondérée"))
    def weighted_mean(self, evaluation: ChallengeEvaluation) -> str:
        return score_display(evaluation.weighted_mean)


class ChallengeAdminForm(forms.ModelForm):
    def clean_work_city(self):
        # As on the agents' form: « Vincennes Cedex » is saved « Vincennes ».
        return city_without_cedex(self.cleaned_data["work_city"])


# The submitted challenges nobody evaluated yet (challenges.selectors.unevaluated): the rows the staff
# dashboard's count links to.
EvaluationListFilter = condition_filter(
    title=gettext_lazy("évaluations"),
    parameter="evaluation",
    value="none",
    label=gettext_lazy("Déposés, sans évaluation"),
    apply=lambda challenges: challenges.filter(unevaluated()),
)


@admin.register(Challenge)
class ChallengeAdmin(ListExportAdminMixin, admin.ModelAdmin):
    form = ChallengeAdminForm
    list_exports = {"csv": exports.csv_response, "xlsx": exports.xlsx_response}
    list_display = (
        "name",
        "administration",
        "cohort",
        "status",
        "mean_score_display",
        "evaluation_count_display",
        "favourable_count_display",
        "favourite_count_display",
        "derogation_display",
    )
    list_filter = (
        "cohort",
        "status",
        EvaluationListFilter,
        "derogation_status",
        ("administration", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("name", "summary", "work_city", "administration__name", "administration__acronym")
    list_select_related = ("administration", "cohort")
    ordering = (MEAN_SCORE_ORDER.desc(), "name")
    autocomplete_fields = ("administration", "owners")
    readonly_fields = (
        "status",
        "submitted_at",
        "created_at",
        "updated_at",
        "mean_score_display",
        "evaluation_count_display",
        "favourable_count_display",
        "favourite_count_display",
        *DEROGATION_FIELDS,
    )
    fieldsets = (
        (None, {"fields": ("cohort", "administration", "name", "status", "owners")}),
        (
            gettext_lazy("Évaluations du jury"),
            {
                "fields": (
                    "mean_score_display",
                    "evaluation_count_display",
                    "favourable_count_display",
                    "favourite_count_display",
                )
            },
        ),
        (
            gettext_lazy("Le défi"),
            {"fields": ("summary", *CHALLENGE_TEXT_FIELDS, "data_access")},
        ),
        (
            gettext_lazy("Dérogation au nombre habituel de postes"),
            {
                "fields": DEROGATION_FIELDS,
                "description": gettext_lazy(
                    "Accordez ou refusez la dérogation depuis la liste des défis (actions) : les porteur·ses en "
                    "sont informé·es par e-mail."
                ),
            },
        ),
        (gettext_lazy("Lieu de travail"), {"fields": ("work_address", "work_postcode", "work_city")}),
        (gettext_lazy("Suivi"), {"fields": ("source_code_url", "submitted_at", "created_at", "updated_at")}),
    )
    inlines = [PositionInline, TeamMemberInline, ContactInline, ChallengeEvaluationInline, ChallengeTransitionInline]
    actions = [*decision_actions(DECISIONS), "export_csv", "export_xlsx"]
    change_list_template = "challenges/selection/admin/challenge_change_list.html"

    def get_queryset(self, request):
        return challenges_with_evaluation_summary(super().get_queryset(request))

    def save_model(self, request, obj, form, change):
        challenge_staff_save(challenge=obj)

    def get_actions(self, request):
        # A challenge leaves the list through its lifecycle (withdrawn, not selected), not in bulk deletion.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # --- The evaluation summary ------------------------------------------------------------------

    @admin.display(description=gettext_lazy("note moyenne"), ordering=MEAN_SCORE_ORDER)
    def mean_score_display(self, challenge: Challenge) -> str:
        return score_display(getattr(challenge, "mean_score", None))

    @admin.display(description=gettext_lazy("évaluations"), ordering="evaluation_count")
    def evaluation_count_display(self, challenge: Challenge) -> int:
        return getattr(challenge, "evaluation_count", 0)

    @admin.display(description=gettext_lazy("avis favorables"), ordering="favourable_count")
    def favourable_count_display(self, challenge: Challenge) -> int:
        return getattr(challenge, "favourable_count", 0)

    @admin.display(description=gettext_lazy("coups de cœur"), ordering="favourite_count")
    def favourite_count_display(self, challenge: Challenge) -> int:
        return getattr(challenge, "favourite_count", 0)

    @admin.display(description=gettext_lazy("dérogation"), ordering="derogation_status")
    def derogation_display(self, challenge: Challenge) -> str:
        if not challenge.derogation_status:
            return "—"
        return _("%(positions)s (%(status)s)") % {
            "positions": challenge.derogation_positions_text,
            "status": challenge.get_derogation_status_display().lower(),
        }

    # --- Exports: the chosen challenges (actions) or the filtered list (buttons) ------------------

    @admin.action(description=gettext_lazy("Exporter les défis choisis (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return exports.csv_response(queryset)

    @admin.action(description=gettext_lazy("Exporter les défis choisis (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return exports.xlsx_response(queryset)


@admin.register(Administration)
class AdministrationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "parent_ministry", "is_confirmed", "proposed_by")
    list_filter = ("is_confirmed", "parent_ministry")
    search_fields = ("name", "acronym", "parent_ministry")
    list_select_related = ("proposed_by",)
    readonly_fields = ("proposed_by",)
    actions = ["confirm_administrations"]

    def save_model(self, request, obj, form, change):
        administration_save(administration=obj, changed=form.changed_data if change else ())

    @admin.action(description=gettext_lazy("Confirmer les administrations choisies"), permissions=["change"])
    def confirm_administrations(self, request, queryset):
        count = administrations_confirm(administrations=queryset)
        self.message_user(
            request,
            ngettext("%(count)s administration confirmée.", "%(count)s administrations confirmées.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(AdministrationMembership)
class AdministrationMembershipAdmin(admin.ModelAdmin):
    """Agents' memberships: staff answer pending requests with the actions (members answer them from
    their administration page); a membership added here is approved at once, by the staff member."""

    list_display = ("user", "administration", "status", "created_at", "decided_by", "decided_at")
    list_filter = ("status",)
    search_fields = ("user__email", "user__first_name", "user__last_name", "administration__name")
    list_select_related = ("user", "administration", "decided_by")
    autocomplete_fields = ("user", "administration")
    readonly_fields = ("status", "created_at", "decided_by", "decided_at")
    actions = ["approve_memberships", "decline_memberships"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        # A membership stays with its agent and administration: its state changes through the actions.
        return (*self.readonly_fields, "user", "administration")

    def save_model(self, request, obj, form, change):
        if change:
            return
        administration_membership_grant(membership=obj, by=request.user)

    @admin.action(description=gettext_lazy("Accepter les demandes choisies"), permissions=["change"])
    def approve_memberships(self, request, queryset):
        self._decide(request, queryset, approved=True)

    @admin.action(description=gettext_lazy("Refuser les demandes choisies"), permissions=["change"])
    def decline_memberships(self, request, queryset):
        self._decide(request, queryset, approved=False)

    def _decide(self, request, queryset, *, approved: bool) -> None:
        chosen = list(queryset.select_related("user", "administration"))
        pending = [
            membership for membership in chosen if lifecycle.can(membership, "approve" if approved else "decline")
        ]
        ignored = len(chosen) - len(pending)
        try:
            done = administration_memberships_decide(memberships=pending, approved=approved, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        if approved:
            message = ngettext("%(count)s demande acceptée.", "%(count)s demandes acceptées.", len(done))
        else:
            message = ngettext("%(count)s demande refusée.", "%(count)s demandes refusées.", len(done))
        self.message_user(
            request,
            message % {"count": len(done)} + " " + _("Chaque agent en est informé·e par e-mail."),
            messages.SUCCESS if done else messages.WARNING,
        )
        if ignored:
            self.message_user(
                request,
                ngettext(
                    "%(count)s rattachement ignoré : il avait déjà reçu une réponse.",
                    "%(count)s rattachements ignorés : ils avaient déjà reçu une réponse.",
                    ignored,
                )
                % {"count": ignored},
                messages.WARNING,
            )


@admin.register(ChallengeInvitation)
class ChallengeInvitationAdmin(admin.ModelAdmin):
    """Invitations are sent by owners from the site; staff only look them up (the token stays secret)."""

    list_display = ("email", "challenge", "invited_by", "created_at", "accepted_at")
    list_filter = (("accepted_at", admin.EmptyFieldListFilter),)
    search_fields = ("email", "challenge__name")
    list_select_related = ("challenge", "invited_by")
    fields = ("challenge", "email", "invited_by", "created_at", "accepted_at", "accepted_by")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
