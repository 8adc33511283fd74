"""Why a POST was refused, carried to the page the browser is sent back to (POST-redirect-GET).

A refused submission redirects to the page that shows it (the recap) rather than answering the POST
with that page: the address bar never keeps a POST-only URL (reloading it would resubmit, opening it
again would answer 405). The reasons wait in the session for that page, which shows them once."""

SESSION_KEY = "eig_refusal_reasons"


def refusal_remember(request, *, page: str, reasons: list[str]) -> None:
    """Keep `reasons` (French sentences) for the next display of `page` (a path)."""
    pending = request.session.get(SESSION_KEY, {})
    pending[page] = [str(reason) for reason in reasons]
    request.session[SESSION_KEY] = pending


def refusal_pop(request, *, page: str) -> list[str]:
    """The reasons kept for `page`, once: they are forgotten as they are read."""
    pending = request.session.get(SESSION_KEY)
    if not pending or page not in pending:
        return []
    reasons = pending.pop(page)
    request.session[SESSION_KEY] = pending
    return reasons
