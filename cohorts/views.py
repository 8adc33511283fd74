from django.shortcuts import render
from django.utils import timezone

from cohorts.calendar import StepState
from cohorts.selectors import cohort_current


def home(request):
    """The public home page: the programme in a few words and the current cohort's calendar."""
    now = timezone.now()
    cohort = cohort_current(now=now)
    steps = []
    if cohort is not None:
        steps = [{"step": step, "state": step.state(now)} for step in cohort.steps()]
    return render(
        request,
        "cohorts/home.html",
        {
            "cohort": cohort,
            "steps": steps,
            "open_steps": [row["step"] for row in steps if row["state"] == StepState.OPEN],
            "next_step": cohort.next_step(now) if cohort else None,
            "phase": cohort.phase(now) if cohort else None,
        },
    )
