"""Candidates' applications, wishes, reviews and auditions: built by the candidates-call issue."""
