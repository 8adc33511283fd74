"""The pre-selected candidate's wishes: 3 to 5 revealed challenges open to their profile, ranked.

The page works without JavaScript (a rank select per challenge); static/js/wishes.js enhances the same
form (rows move as they are ranked, "monter" / "descendre" buttons, announcements for screen readers)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications import services
from applications.forms import WishesForm
from applications.permissions import can_make_wishes
from applications.selectors import application_of, application_wishes, wishable_challenges
from applications.views.candidate import candidate_required
from cohorts.calendar import StepState
from cohorts.selectors import cohort_current
from cohorts.windows import Step

# The buttons that move a ranked row (static/js/wishes.js), labelled with the challenge for screen readers.
MOVES = [
    {"direction": "up", "label": gettext_lazy("Monter"), "icon": "fr-icon-arrow-up-line"},
    {"direction": "down", "label": gettext_lazy("Descendre"), "icon": "fr-icon-arrow-down-line"},
]


@candidate_required
def wishes(request):
    now = timezone.now()
    cohort = cohort_current(now=now)
    application = application_of(candidate=request.user, cohort=cohort) if cohort else None
    if application is None or not can_make_wishes(request.user, application):
        messages.info(request, _("Les vœux sont réservés aux candidat·es présélectionné·es."))
        return redirect("applications:space")

    saved = application_wishes(application)
    window = cohort.window(Step.WISHES)
    state = window.state(now)
    challenges = []
    if state == StepState.OPEN:
        # Ranked challenges first, in rank order, then the others by name.
        rank_of = {wish.challenge_id: wish.rank for wish in saved}
        challenges = sorted(
            wishable_challenges(application=application, now=now),
            key=lambda challenge: (rank_of.get(challenge.pk, len(rank_of) + 1), challenge.name),
        )
    initial = {WishesForm.field_name(wish.challenge): str(wish.rank) for wish in saved}
    form = WishesForm(request.POST if request.method == "POST" else None, challenges=challenges, initial=initial)
    save_errors = []
    if request.method == "POST":
        if form.is_valid():
            try:
                services.wishes_save(application=application, challenge_ids=form.cleaned_data["challenge_ids"])
            except ValidationError as error:
                save_errors = error.messages
            else:
                messages.success(request, _("Vos vœux sont enregistrés."))
                return redirect("applications:wishes")
        else:
            save_errors = list(form.non_field_errors()) or [_("Corrigez les rangs signalés ci-dessous.")]
    context = {
        "cohort": cohort,
        "application": application,
        "wishes": saved,
        "window": window,
        "state": state,
        "form": form,
        "save_errors": save_errors,
        "moves": MOVES,
    }
    return render(request, "applications/candidate/wishes.html", context)
