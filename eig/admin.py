from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.contrib.auth.forms import UserCreationForm as BaseUserCreationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from eig.models import ReminderDelivery, User
from eig.reminders.selectors import reminder_scope_choices, reminder_scope_types, reminder_scopes
from eig.reminders.services import reminders_retry


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")


class UserChangeForm(BaseUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ("email",)
    list_display = (
        "email",
        "first_name",
        "last_name",
        "usual_name",
        "is_candidate",
        "is_agent",
        "is_juror",
        "is_staff",
        "is_active",
    )
    list_filter = ("is_candidate", "is_agent", "is_juror", "is_staff", "is_superuser", "is_active")
    search_fields = ("email", "first_name", "last_name", "usual_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Identité"), {"fields": ("first_name", "last_name", "usual_name", "pronouns", "language")}),
        (_("Rôles"), {"fields": ("is_candidate", "is_agent", "is_juror", "is_staff", "is_active", "is_superuser")}),
        (_("Permissions fines"), {"classes": ("collapse",), "fields": ("groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),
        (_("Identité"), {"fields": ("first_name", "last_name")}),
        (_("Rôles"), {"fields": ("is_candidate", "is_agent", "is_juror", "is_staff")}),
    )
    readonly_fields = ("last_login", "date_joined")


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


class ReminderChangeList(ChangeList):
    def get_results(self, request):
        """Give each listed row its scope (its cohort), in one query per kind of scope."""
        super().get_results(request)
        scopes = reminder_scopes(self.result_list)
        for delivery in self.result_list:
            delivery.scope = scopes.get(delivery.pk)


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(admin.ModelAdmin):
    """The reminder ledger, read-only: what was sent, what waits, what failed and why."""

    list_display = ("status", "rule", "recipient", "scope", "deadline", "attempts", "last_error", "sent_at")
    list_filter = (ReminderScopeFilter, "rule", "status")
    search_fields = ("recipient__email",)
    list_select_related = ("recipient",)
    date_hierarchy = "deadline"
    actions = ["retry"]
    readonly_fields = [field.name for field in ReminderDelivery._meta.fields]

    def get_changelist(self, request, **kwargs):
        return ReminderChangeList

    @admin.display(description=_("portée"))
    def scope(self, delivery):
        return getattr(delivery, "scope", None) or delivery.scope_id

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Relancer les rappels en échec ou annulés"), permissions=["change"])
    def retry(self, request, queryset):
        count = reminders_retry(deliveries=queryset)
        self.message_user(
            request,
            ngettext("%(count)d rappel remis en file d'envoi.", "%(count)d rappels remis en file d'envoi.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
