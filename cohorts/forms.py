from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from cohorts.models import CALENDAR_RULES, USUAL_POSITIONS_CONSTRAINT, Cohort


class CohortForm(forms.ModelForm):
    """The cohort form of the admin: a calendar error is shown on the date to correct, an error in the usual
    number of positions on its maximum."""

    class Meta:
        model = Cohort
        fields = [
            "number",
            "name",
            "projects_call_opens_at",
            "projects_call_closes_at",
            "challenges_selected_at",
            "candidates_call_opens_at",
            "candidates_call_closes_at",
            "preselection_results_at",
            "wishes_open_at",
            "wishes_close_at",
            "auditions_start_at",
            "auditions_end_at",
            "results_at",
            "acceptance_days",
            "programme_starts_at",
            "programme_ends_at",
            "junior_monthly_salary",
            "senior_monthly_salary",
            "seniority_threshold_years",
            "usual_positions_min",
            "usual_positions_max",
        ]

    def _update_errors(self, errors: ValidationError) -> None:
        field_of_message = {str(rule.message): rule.later for rule in CALENDAR_RULES}
        field_of_message[str(USUAL_POSITIONS_CONSTRAINT.violation_error_message)] = "usual_positions_max"
        if hasattr(errors, "error_dict") and NON_FIELD_ERRORS in errors.error_dict:
            kept = []
            for error in errors.error_dict.pop(NON_FIELD_ERRORS):
                field = next((field_of_message.get(str(m)) for m in error.messages), None)
                if field in self.fields:
                    errors.error_dict.setdefault(field, []).append(error)
                else:
                    kept.append(error)
            if kept:
                errors.error_dict[NON_FIELD_ERRORS] = kept
        super()._update_errors(errors)
