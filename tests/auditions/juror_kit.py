"""What the juror-space tests share: an audition booked before a jury of three jurors (the cohort's
quorum), the scorecard's form data."""

from auditions.models import AuditionScorecard
from cohorts.forms import ScorecardForm
from tests.auditions.factories import AuditionFactory, JuryFactory, auditions_day


def booked_audition(jurors: int = 3, **kwargs):
    """An audition at 10:00 on the auditions' first day, before a jury of `jurors` jurors."""
    jury = JuryFactory(members=jurors)
    return AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=10), **kwargs)


def jurors_of(audition) -> list:
    return [member.user for member in audition.jury.members.order_by("pk")]


def scorecard_data(audition, scores=4, *, comment_on_first: str = "", **values) -> dict:
    """The POST of the scorecard form: `scores` on every criterion, the first criterion's comment."""
    criteria = AuditionScorecard.grid_criteria(audition.cohort)
    data = {ScorecardForm.criterion_field_name(criterion): str(scores) for criterion in criteria}
    data[ScorecardForm.comment_field_name(criteria[0])] = comment_on_first
    return {"opinion": "favourable", "comment": "", **data, **values}
