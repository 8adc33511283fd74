"""Layer 5: the fellowship — assignment runs, offers, fellows and teams, mentors, collective sessions,
their private calendar feeds and attendance, the teams' repositories and the public cohort page.

The assignment model itself (`fellowship.assignment` and its siblings) is pure Python over plain data;
the rest is the Django app (docs/fellowship.md).
"""
