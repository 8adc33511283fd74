"""Bulk decisions in the admin, each taken through one confirmation page (admin/eig/decision_confirmation.html).

An app declares its decisions as data (`Decision`: the lifecycle transition, the page's title and texts,
the columns of the list, the note's help, the service to call) and registers them on its ModelAdmin with
`decision_actions(...)` among its `actions`. `confirm_decision` is the one flow: it leaves out the objects
the transition cannot apply to (and says so), shows the others with a note to write, and, once confirmed,
calls the decision's service, which checks again and records who decided; its refusals come back as an
error message."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.defaultfilters import floatformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy

from eig import lifecycle

CONFIRMATION_TEMPLATE = "admin/eig/decision_confirmation.html"


class DecisionNoteForm(forms.Form):
    """The confirmation page's form: a note kept with the decision (its help says where it goes)."""

    note = forms.CharField(
        label=gettext_lazy("Note (facultative)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )

    def __init__(self, *args, note_help="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = note_help

    def rows(self) -> list[tuple[forms.BoundField, str]]:
        """Each field with the id of its list of errors ("confirm-without-evaluation-errors")."""
        return [(bound, f"{bound.name.replace('_', '-')}-errors") for bound in self]


@dataclass(frozen=True)
class Column:
    """A column of the list of objects the decision applies to: its header and its cell (text or safe HTML)."""

    header: str
    value: Callable[[object], object]


@dataclass(frozen=True)
class Warning:
    """A warning above the form (the challenges no juror evaluated, for instance), with the objects it names."""

    id: str
    text: str
    items: list[str]


@dataclass(frozen=True)
class Decision:
    """One bulk decision of an admin list.

    - `action`, `description`: the admin action's name and its label in the list's menu;
    - `transition`: the lifecycle transition it applies (`eig.lifecycle.can` says to which objects it
      applies), unless `applies_to` says otherwise;
    - `left_out_message(objects)`: why those were left out, in French;
    - `intro(count)`: the sentence above the list; `columns` and `table_id`: the list;
    - `notice`: what happens next (who is told); `note_help`: where the note goes;
    - `check(objects)`: the service's check, so that the page is not offered for a decision the service
      would refuse (raises ValidationError); `warning(objects)`: a `Warning` to show, or None;
    - `apply(objects, by, cleaned_data)`: the service call, which raises ValidationError to refuse;
    - `done_message(done)`: what is said once it is done.
    """

    action: str
    description: str
    title: str
    confirm_label: str
    left_out_message: Callable[[list], str]
    intro: Callable[[int], str]
    notice: str
    columns: Sequence[Column]
    table_id: str
    apply: Callable[[list, object, dict], list]
    done_message: Callable[[list], str]
    transition: str = ""
    applies_to: Callable[[object], bool] | None = None
    note_help: str = ""
    form_class: type[DecisionNoteForm] = DecisionNoteForm
    check: Callable[[list], None] = field(default=lambda objects: None)
    form_kwargs: Callable[[list], dict] = field(default=lambda objects: {})
    warning: Callable[[list], Warning | None] = field(default=lambda objects: None)

    def allows(self, obj) -> bool:
        if self.applies_to is not None:
            return self.applies_to(obj)
        return lifecycle.can(obj, self.transition)


def score_cell(value) -> str:
    """A mean score in a column: « 3,50 », or a dash without score."""
    return floatformat(value, 2) or "—"


def confirm_decision(model_admin, request, queryset, decision: Decision):
    """The confirmation page of `decision` on the chosen objects, then the decision once confirmed."""
    objects = list(queryset)
    eligible = [obj for obj in objects if decision.allows(obj)]
    left_out = [obj for obj in objects if not decision.allows(obj)]
    left_out_message = decision.left_out_message(left_out) if left_out else ""
    if not eligible:
        model_admin.message_user(request, left_out_message, messages.ERROR)
        return None
    try:
        decision.check(eligible)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return None
    confirmed = request.POST.get("post") == "yes"
    form = decision.form_class(
        request.POST if confirmed else None, note_help=decision.note_help, **decision.form_kwargs(eligible)
    )
    if form.is_bound and form.is_valid():
        try:
            done = decision.apply(eligible, request.user, form.cleaned_data)
        except ValidationError as error:
            model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        model_admin.message_user(request, decision.done_message(done), messages.SUCCESS)
        if left_out:
            model_admin.message_user(request, left_out_message, messages.WARNING)
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": decision.title,
        "opts": model_admin.model._meta,
        "intro": decision.intro(len(eligible)),
        "table_id": decision.table_id,
        "headers": [column.header for column in decision.columns],
        "rows": [(obj, [column.value(obj) for column in decision.columns]) for obj in eligible],
        "refused": left_out,
        "refused_message": left_out_message,
        "warning": decision.warning(eligible),
        "notice": decision.notice,
        "action": decision.action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "form": form,
        "confirm_label": decision.confirm_label,
        "media": model_admin.media,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, CONFIRMATION_TEMPLATE, context)


def decision_action(decision: Decision):
    """The admin action (for a ModelAdmin's `actions`) that takes `decision` through its confirmation page."""

    def action(model_admin, request, queryset):
        return confirm_decision(model_admin, request, queryset, decision)

    action.__name__ = action.__qualname__ = decision.action
    return admin.action(description=decision.description, permissions=["change"])(action)


def decision_actions(decisions: Sequence[Decision]) -> list:
    return [decision_action(decision) for decision in decisions]


class ReadOnlyInline(admin.TabularInline):
    """A history shown on an object's admin page, never written from there."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class TransitionLogInline(ReadOnlyInline):
    """A lifecycle's log (eig.lifecycle.transition_log) on its object's page: set `model`."""

    fields = ("from_status", "to_status", "by", "at", "note")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")
