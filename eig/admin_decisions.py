"""Bulk decisions in the admin, each taken through one confirmation page (admin/eig/decision_confirmation.html).

An app declares its decisions as data (`Decision`: the lifecycle transition and its labels;
`DecisionPage`: what decisions of one kind share, the page's texts, the columns of the list, the note's
help, the service to call) and registers them on its ModelAdmin with `decision_actions(...)` among its
`actions`. `confirm_decision` is the one flow: it leaves out the objects
the transition cannot apply to (and says so), shows the others with a note to write, and, once confirmed,
calls the decision's service, which checks again and records who decided; its refusals come back as an
error message."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy

from eig.lifecycle import Lifecycle

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
class DecisionPage:
    """What the decisions of one kind share: the confirmation page's texts and list, and the services.

    - `intro`: the sentence above the list, `ngettext_lazy(…, "count")` with %(count)s and %(status)s (the
      label of the transition's target);
    - `left_out`: why objects were left out, with %(status)s and, at `names_key`, the objects as `describe`
      names them; `notice`: what happens next (who is told); `told`: said after each done message;
    - `columns` and `table_id`: the list; `note_help`: where the note goes;
    - `check(decision, objects)`: the service's check, so that the page is not offered for a decision the
      service would refuse (raises ValidationError); `warning(objects)`: a `Warning` to show, or None;
    - `apply(decision, objects, by, cleaned_data)`: the service call, which raises ValidationError to refuse;
    - `lifecycle`: the table that says to which objects a decision applies (by default the model's
      `lifecycle`), and `condition(obj)` what must hold besides.
    """

    intro: str
    left_out: str
    describe: Callable[[object], str]
    notice: str
    told: str
    columns: Sequence[Column]
    table_id: str
    note_help: str
    apply: Callable[..., list]
    names_key: str = "names"
    check: Callable[..., None] = field(default=lambda decision, objects: None)
    form_class: type[DecisionNoteForm] = DecisionNoteForm
    form_kwargs: Callable[[list], dict] = field(default=lambda objects: {})
    warning: Callable[[list], Warning | None] = field(default=lambda objects: None)
    lifecycle: Lifecycle | None = None
    condition: Callable[[object], bool] = field(default=lambda obj: True)


@dataclass(frozen=True)
class Decision:
    """One bulk decision of an admin list: the lifecycle `transition` it applies, its `labels` (in the list's
    menu, as the page's title, on the confirm button), what is said once `done` (`ngettext_lazy(…, "count")`)
    and its `page`. `action` names the admin action (by default the transition's name)."""

    transition: str
    labels: tuple[str, str, str]
    done: str
    page: DecisionPage
    action: str = ""

    @property
    def name(self) -> str:
        return self.action or self.transition

    def table(self, obj) -> Lifecycle:
        return self.page.lifecycle or type(obj).lifecycle

    def allows(self, obj) -> bool:
        return self.table(obj).can(obj, self.transition) and self.page.condition(obj)

    def left_out_message(self, left_out: list, status: str) -> str:
        names = ", ".join(self.page.describe(obj) for obj in left_out)
        return self.page.left_out % {"status": status, self.page.names_key: names}

    def done_message(self, done: list) -> str:
        return " ".join(filter(None, [self.done % {"count": len(done)}, str(self.page.told)]))


def confirm_decision(model_admin, request, queryset, decision: Decision):
    """The confirmation page of `decision` on the chosen objects, then the decision once confirmed."""
    page = decision.page
    objects = list(queryset)
    eligible = [obj for obj in objects if decision.allows(obj)]
    left_out = [obj for obj in objects if not decision.allows(obj)]
    table = decision.table(objects[0]) if objects else None
    status = table.status_enum(table[decision.transition].target).label if table else ""
    left_out_message = decision.left_out_message(left_out, status) if left_out else ""
    if not eligible:
        model_admin.message_user(request, left_out_message, messages.ERROR)
        return None
    try:
        page.check(decision, eligible)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return None
    confirmed = request.POST.get("post") == "yes"
    form = page.form_class(request.POST if confirmed else None, note_help=page.note_help, **page.form_kwargs(eligible))
    if form.is_bound and form.is_valid():
        try:
            done = page.apply(decision, eligible, request.user, form.cleaned_data)
        except ValidationError as error:
            model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        model_admin.message_user(request, decision.done_message(done), messages.SUCCESS)
        if left_out:
            model_admin.message_user(request, left_out_message, messages.WARNING)
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": decision.labels[1],
        "opts": model_admin.model._meta,
        "intro": page.intro % {"count": len(eligible), "status": status},
        "table_id": page.table_id,
        "headers": [column.header for column in page.columns],
        "rows": [(obj, [column.value(obj) for column in page.columns]) for obj in eligible],
        "refused": left_out,
        "refused_message": left_out_message,
        "warning": page.warning(eligible),
        "notice": page.notice,
        "action": decision.name,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "form": form,
        "confirm_label": decision.labels[2],
        "media": model_admin.media,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, CONFIRMATION_TEMPLATE, context)


def decision_action(decision: Decision):
    """The admin action (for a ModelAdmin's `actions`) that takes `decision` through its confirmation page."""

    def action(model_admin, request, queryset):
        return confirm_decision(model_admin, request, queryset, decision)

    action.__name__ = action.__qualname__ = decision.name
    return admin.action(description=decision.labels[0], permissions=["change"])(action)


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
