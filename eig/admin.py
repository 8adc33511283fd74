from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.contrib.auth.forms import UserCreationForm as BaseUserCreationForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from eig.audit.models import AuditEntry
from eig.models import OutboxEmail, ReminderDelivery, User
from eig.outbox.services import emails_retry
from eig.permissions import is_programme_staff
from eig.reminders.selectors import (
    reminder_cohort_choices,
    reminder_scope_choices,
    reminder_scope_types,
    reminder_scopes,
    reminders_of_cohort,
)
from eig.reminders.services import reminders_retry


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")


class UserChangeForm(BaseUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


# The roles, in the order the list, its filters and the forms show them.
ROLE_FIELDS = ("is_candidate", "is_agent", "is_juror", "is_director", "is_fellow", "is_mentor", "is_staff")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "usual_name", *ROLE_FIELDS, "is_active")
    list_filter = (*ROLE_FIELDS, "is_superuser", "is_active")
    search_fields = ("email", "first_name", "last_name", "usual_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Identité"), {"fields": ("first_name", "last_name", "usual_name", "pronouns", "language")}),
        (_("Rôles"), {"fields": (*ROLE_FIELDS, "is_active", "is_superuser")}),
        (_("Permissions fines"), {"classes": ("collapse",), "fields": ("groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),
        (_("Identité"), {"fields": ("first_name", "last_name")}),
        (_("Rôles"), {"fields": ROLE_FIELDS}),
    )
    readonly_fields = ("last_login", "date_joined")


class SendingLogAdmin(admin.ModelAdmin):
    """A read-only log of sendings (eig.outbox.delivery: the outbox, the reminder ledger) with its
    « Relancer » action, declared by each log: `retry_description`, the service `retry_rows(queryset)`
    that puts rows back in the queue and returns how many, and `retried_message` (a %(count)d)."""

    actions = ["retry"]
    retry_description = ""
    retried_message = ""

    def retry_rows(self, queryset) -> int:
        raise NotImplementedError

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_action(self, action):
        found = super().get_action(action)
        if action == "retry" and found is not None:
            return found[0], found[1], self.retry_description
        return found

    @admin.action(permissions=["change"])
    def retry(self, request, queryset):
        count = self.retry_rows(queryset)
        self.message_user(
            request, self.retried_message % {"count": count}, messages.SUCCESS if count else messages.WARNING
        )


class ReminderScopeFilter(admin.SimpleListFilter):
    """The rows of one scope (a cohort), whichever rule they belong to."""

    title = _("portée")
    parameter_name = "scope"

    def lookups(self, request, model_admin):
        return reminder_scope_choices()

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        label, _separator, scope_id = self.value().rpartition(":")
        keys = reminder_scope_types().get(label)
        if not keys or not scope_id.isdigit():
            return queryset.none()
        return queryset.filter(rule__in=keys, scope_id=int(scope_id))


class ReminderCohortFilter(admin.SimpleListFilter):
    """The rows of one cohort, whatever carries their deadline (the cohort, or one of its applications,
    auditions, offers, sessions): the failed reminders the staff dashboard links to."""

    title = _("promotion")
    parameter_name = "cohort"

    def lookups(self, request, model_admin):
        return reminder_cohort_choices()

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        return queryset.filter(reminders_of_cohort(int(self.value())))


class ReminderChangeList(ChangeList):
    def get_results(self, request):
        """Give each listed row its scope (its cohort), in one query per kind of scope."""
        super().get_results(request)
        scopes = reminder_scopes(self.result_list)
        for delivery in self.result_list:
            delivery.scope = scopes.get(delivery.pk)


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(SendingLogAdmin):
    """The reminder ledger, read-only: what was sent, what waits, what failed and why."""

    list_display = ("status", "rule", "recipient", "scope", "deadline", "attempts", "last_error", "sent_at")
    list_filter = (ReminderCohortFilter, ReminderScopeFilter, "rule", "status")
    search_fields = ("recipient__email",)
    list_select_related = ("recipient",)
    date_hierarchy = "deadline"

    retry_description = _("Relancer les rappels en échec ou annulés")
    retried_message = ngettext_lazy(
        "%(count)d rappel remis en file d'envoi.", "%(count)d rappels remis en file d'envoi.", "count"
    )

    def retry_rows(self, queryset) -> int:
        return reminders_retry(deliveries=queryset)

    def get_changelist(self, request, **kwargs):
        return ReminderChangeList

    @admin.display(description=_("portée"))
    def scope(self, delivery):
        return getattr(delivery, "scope", None) or delivery.scope_id


@admin.register(OutboxEmail)
class OutboxEmailAdmin(SendingLogAdmin):
    """The outbox, read-only: every e-mail, whether it left, and why not. The content of sensitive
    e-mails (sign-in codes, reset links) is never shown."""

    list_display = ("recipients", "subject", "status", "attempts", "sent_at", "last_error")
    list_filter = ("status", "sensitive")
    search_fields = ("subject",)
    date_hierarchy = "created_at"

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and obj.sensitive:
            return [name for name in fields if name not in ("body", "html_body")]
        return fields

    @admin.display(description=_("destinataires"))
    def recipients(self, email: OutboxEmail) -> str:
        return ", ".join(email.to)

    retry_description = _("Relancer les e-mails en échec")
    retried_message = ngettext_lazy(
        "%(count)d e-mail remis en file d'envoi.", "%(count)d e-mails remis en file d'envoi.", "count"
    )

    def retry_rows(self, queryset) -> int:
        return emails_retry(emails=queryset)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, read-only for everyone (PostgreSQL refuses to change a row anyway): programme staff
    look rows up here or on the journal page (« Journal d'audit », /journal/), which searches and exports."""

    list_display = ("at", "actor_email", "ip", "action", "summary", "object_type", "object_id")
    list_filter = ("action",)
    search_fields = ("actor_email", "summary", "object_id")
    date_hierarchy = "at"
    fields = ("at", "action", "actor_email", "actor_id", "ip", "object_type", "object_id", "summary", "data")
    readonly_fields = fields

    def has_module_permission(self, request) -> bool:
        return is_programme_staff(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_programme_staff(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "journal_url": reverse("audit:journal")}
        return super().changelist_view(request, extra_context)
