"""Multi-step draft forms: a long form cut into numbered steps, the last of which is the recap.

Every step saves a draft: nothing typed is lost, whatever is missing or invalid, and nothing is required
until submission (what is missing is listed on the recap, each item linked to the step that fills it
in). A save the service refuses (its window is closed: `cohort.window(step).check()`) shows the
service's reason on the page, with everything typed still in the form.

An app declares its form once, as a `MultiStepForm` (its steps, its URL names, its few sentences), and
each of its views asks it for a `StepPage`: the current step, its neighbours and their URLs, what the
buttons do, the redirect after a save, the refusal after a submission. The templates extend
`_partials/multistep/step.html` and `_partials/multistep/recap.html`. See docs/architecture.md.

This module is part of the kernel: it knows no app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eig.forms import markdown_fields
from eig.refusals import refusal_pop, refusal_remember

# The buttons of a step: each saves the draft, then stays, goes on or goes back; the preview stays and
# shows the step's long texts (Markdown) as they will be rendered.
SAVE_DRAFT, SAVE_AND_CONTINUE, SAVE_AND_BACK, SAVE_AND_PREVIEW = "draft", "continue", "previous", "preview"
MOVES = {SAVE_DRAFT: 0, SAVE_AND_CONTINUE: 1, SAVE_AND_BACK: -1, SAVE_AND_PREVIEW: 0}
PREVIEW_PARAMETER = "apercu"


class DraftFormMixin:
    """A step's form saves a draft: `required` only says how a field is drawn (DSFR marks the others
    "(Optionnel)"); the form accepts every field empty, except those in `always_required`, and the
    browser is not asked to require them either (no `required` attribute). When `drawn_required` is set,
    it names the fields drawn as required (those needed at submission), whatever their model says."""

    use_required_attribute = False
    always_required: tuple[str, ...] = ()
    drawn_required: frozenset[str] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.drawn_required is not None:
            for name, drawn_field in self.fields.items():
                drawn_field.required = name in self.drawn_required

    def full_clean(self):
        relaxed = [field for name, field in self.fields.items() if field.required and name not in self.always_required]
        for relaxed_field in relaxed:
            relaxed_field.required = False
        try:
            super().full_clean()
        finally:
            for relaxed_field in relaxed:
                relaxed_field.required = True


@dataclass(frozen=True)
class Step:
    """One step of a form: its number (from 1, in the URL), its title, and what it fills in: the fields of
    `form_class` (a ModelForm of the edited object) and `lists`, the other parts the app draws on it
    (rows of a list…). A step with neither is the recap."""

    number: int
    title: str
    form_class: type[forms.BaseForm] | None = None
    lists: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.form_class._meta.fields) if self.form_class else ()

    @property
    def parts(self) -> tuple[str, ...]:
        """What the step fills in, in the order of its page: the lists come first."""
        return self.lists + self.fields

    @property
    def markdown_fields(self) -> list[str]:
        return markdown_fields(self.form_class) if self.form_class else []

    @property
    def is_recap(self) -> bool:
        return self.form_class is None and not self.lists


@dataclass(frozen=True)
class MissingItem:
    """What prevents submission, and where it is filled in: `step` (None for an item filled in elsewhere),
    `url` and the link's text."""

    message: str
    step: Step | None
    url: str
    link: str


def refuse_incomplete(missing: list[str]) -> None:
    """The submission services' refusal of an incomplete draft: every missing item, in French."""
    if missing:
        raise ValidationError(missing)


@dataclass(frozen=True)
class MultiStepForm:
    """The declaration of a multi-step form.

    `namespace` is the app's URL namespace, where `urls()` names a step's page `edit` (with a `step`
    argument, and the `url_kwargs` the pages give, such as the edited object's pk) and the submission
    `submit`. The sentences are the app's own: `invalid_message` when a form of the step
    does not validate, `missing_link` the text of a missing item's link (`number` and `title` of its step).
    `previous_saves`: the "previous step" button saves the draft too; otherwise it is a plain link.
    `nav_label`: when set, the stepper is followed by a link to every step, under this label.
    `heading_template`: the app's heading above the stepper (the way back and the h1).
    `steps` are those that fill the form in; the recap (`recap_title`) is added after them."""

    namespace: str
    steps: tuple[Step, ...]
    heading_template: str
    invalid_message: str
    previous_saves: bool = True
    nav_label: str | None = None
    missing_link: str = gettext_lazy("Compléter l'étape %(number)s : %(title)s")
    recap_title: str = gettext_lazy("Récapitulatif et dépôt")

    def __post_init__(self):
        if [step.number for step in self.steps] != list(range(1, len(self.steps) + 1)):
            raise ImproperlyConfigured(f"{self.namespace}: the steps are numbered 1, 2, 3… in order.")
        if any(step.is_recap for step in self.steps):
            raise ImproperlyConfigured(f"{self.namespace}: every step fills something in; the recap comes last.")
        # A frozen dataclass: the recap is added once, here.
        object.__setattr__(self, "steps", (*self.steps, Step(len(self.steps) + 1, self.recap_title)))

    @property
    def recap(self) -> Step:
        return self.steps[-1]

    def urls(self, *, step: str, edit, submit: str, submit_view) -> list:
        """The two URLs of the form, for the app's urls.py: `step` (a route with `<int:step>`) to `edit`,
        `submit` to `submit_view`."""
        return [path(step, edit, name="edit"), path(submit, submit_view, name="submit")]

    def step_url(self, step: Step | int, **url_kwargs) -> str:
        number = step if isinstance(step, int) else step.number
        return reverse(f"{self.namespace}:edit", kwargs={**url_kwargs, "step": number})

    def submit_url(self, **url_kwargs) -> str:
        return reverse(f"{self.namespace}:submit", kwargs=url_kwargs)

    def recap_url(self, **url_kwargs) -> str:
        return self.step_url(self.recap, **url_kwargs)

    def step_for_part(self, part: str) -> Step:
        """The step that fills in `part` (a field or a list)."""
        return next(step for step in self.steps if part in step.parts)

    @property
    def markdown_fields(self) -> frozenset[str]:
        """The long texts of the whole form, typed in Markdown (rendered wherever they are shown)."""
        return frozenset(name for step in self.steps for name in step.markdown_fields)

    def missing_item(self, part: str, message: str, **url_kwargs) -> MissingItem:
        """A missing part, linked to the step that fills it in."""
        step = self.step_for_part(part)
        link = self.missing_link % {"number": step.number, "title": step.title}
        return MissingItem(message=message, step=step, url=self.step_url(step, **url_kwargs), link=link)

    def page(self, number: int, *, title: str, **url_kwargs) -> "StepPage":
        """Step `number` of the form (404 outside the steps); `title` ends the page's title (what is edited)."""
        if not 1 <= number <= len(self.steps):
            raise Http404
        return StepPage(self, self.steps[number - 1], url_kwargs, title)

    def submit(
        self, request, *, submit: Callable[[], object], done_message: str, done_url: str, **url_kwargs
    ) -> HttpResponseRedirect:
        """Calls `submit` (the service); refused, back to the recap, which shows the service's reasons once
        (POST-redirect-GET, eig.refusals); accepted, `done_message` and on to `done_url`."""
        recap_url = self.recap_url(**url_kwargs)
        try:
            submit()
        except ValidationError as error:
            refusal_remember(request, page=recap_url, reasons=error.messages)
            return redirect(recap_url)
        messages.success(request, done_message)
        return redirect(done_url)


def refusal_of(check: Callable[[], object]) -> str:
    """The reason why `check` (a service's check, raising ValidationError) refuses, or an empty string."""
    try:
        check()
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@dataclass
class StepPage:
    """One step of a form, as a page: what its templates read (`multistep` in their context) and what its
    view does after a POST."""

    form: MultiStepForm
    current: Step
    url_kwargs: dict
    title: str
    save_errors: list[str] = field(default_factory=list)

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.form.steps

    @property
    def previous(self) -> Step | None:
        return self.steps[self.current.number - 2] if self.current.number > 1 else None

    @property
    def next(self) -> Step | None:
        return self.steps[self.current.number] if self.current.number < len(self.steps) else None

    def url(self, step: Step | int) -> str:
        return self.form.step_url(step, **self.url_kwargs)

    @property
    def current_url(self) -> str:
        return self.url(self.current)

    @property
    def previous_url(self) -> str | None:
        return self.url(self.previous) if self.previous else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.next) if self.next else None

    @property
    def recap_url(self) -> str:
        return self.form.recap_url(**self.url_kwargs)

    @property
    def submit_url(self) -> str:
        return self.form.submit_url(**self.url_kwargs)

    def links(self) -> list[dict]:
        """Every step with its URL, for the list of links under the stepper."""
        return [
            {"step": step, "url": self.url(step), "is_current": step == self.current}
            for step in (self.steps if self.form.nav_label else ())
        ]

    @property
    def is_recap(self) -> bool:
        return self.current.is_recap

    def buttons(self, *, has_preview: bool) -> list[dict]:
        """The buttons of a step, each of which saves the draft: its `action`, its `label` and its
        classes (`css`). The way back is drawn apart: a plain link when it does not save (`previous_saves`)."""
        buttons = [
            {"action": SAVE_AND_CONTINUE, "label": _("Enregistrer et continuer"), "css": "fr-btn"},
            {"action": SAVE_DRAFT, "label": _("Enregistrer le brouillon"), "css": "fr-btn fr-btn--secondary"},
        ]
        if has_preview:
            buttons.append(
                {
                    "action": SAVE_AND_PREVIEW,
                    "label": _("Enregistrer et voir l'aperçu"),
                    "css": "fr-btn fr-btn--tertiary fr-btn--icon-left fr-icon-eye-line",
                }
            )
        if self.previous and self.form.previous_saves:
            buttons.append(
                {
                    "action": SAVE_AND_BACK,
                    "label": _("Enregistrer et revenir à l'étape précédente"),
                    "css": "fr-btn fr-btn--tertiary fr-btn--icon-left fr-icon-arrow-left-line",
                }
            )
        return buttons

    def post(self, request, *, forms, save: Callable[[], str], has_preview: bool) -> HttpResponseRedirect | None:
        """On a POST on the step, when `forms` are valid: `save()` (which calls the service and returns the
        message to show), then the redirect the button pressed asks for. Otherwise (a GET, invalid forms, a
        save the service refuses) None: the page is drawn, with `save_errors` and everything typed."""
        if request.method != "POST":
            return None
        if not forms.is_valid():
            self.save_errors = [str(self.form.invalid_message)]
            return None
        try:
            message = save()
        except ValidationError as error:
            self.save_errors = error.messages
            return None
        messages.success(request, message)
        action = request.POST.get("action")
        if action == SAVE_AND_PREVIEW and has_preview:
            return redirect(f"{self.current_url}?{PREVIEW_PARAMETER}=1#apercu")
        move = MOVES.get(action, 0)
        if action == SAVE_AND_BACK and not self.form.previous_saves:
            move = 0
        number = min(max(self.current.number + move, 1), len(self.steps))
        return redirect(self.url(number))

    @staticmethod
    def preview_requested(request) -> bool:
        return request.method == "GET" and PREVIEW_PARAMETER in request.GET

    def context(self) -> dict:
        return {
            "multistep": self,
            "step": self.current,
            "steps": self.steps,
            "save_errors": self.save_errors,
            "submit_url": self.submit_url,
        }

    def render(self, request, template: str, context: dict):
        """A step's page, with its buttons (`has_preview` in `context`: the step has long texts to preview);
        on the recap, with the reasons a refused submission left for it (shown once)."""
        if self.is_recap:
            context = {"submit_errors": refusal_pop(request, page=self.recap_url), **context}
        else:
            context = {"buttons": self.buttons(has_preview=context.get("has_preview", False)), **context}
        return render(request, template, {**self.context(), **context})


def markdown_preview(step: Step, instance) -> list[dict]:
    """The step's long texts (Markdown) as saved, for `_partials/markdown_preview.html`."""
    model = step.form_class._meta.model
    return [
        {"label": model._meta.get_field(name).verbose_name, "text": getattr(instance, name, "")}
        for name in step.markdown_fields
    ]
