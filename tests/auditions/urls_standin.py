"""The site's URLs, with stand-ins for the auditions pages the reminders link to that are not built yet
(the juror's audition page, the candidate's auditions: built beside this branch). A stand-in is added
only while the real page is missing, so once it exists the reminders' tests reverse the real one."""

from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import View

import auditions.urls
import eig.urls
from auditions.reminders import CANDIDATE_AUDITIONS_URL_NAME, JUROR_AUDITION_URL_NAME

STAND_INS = {JUROR_AUDITION_URL_NAME: "jury/<int:pk>/", CANDIDATE_AUDITIONS_URL_NAME: "mes-auditions/"}

_built = {f"auditions:{pattern.name}" for pattern in auditions.urls.urlpatterns if isinstance(pattern, URLPattern)}
_auditions = [
    *auditions.urls.urlpatterns,
    *(
        path(route, View.as_view(), name=name.split(":", 1)[1])
        for name, route in STAND_INS.items()
        if name not in _built
    ),
]

urlpatterns = [
    path("auditions/", include((_auditions, "auditions")))
    if isinstance(pattern, URLResolver) and pattern.namespace == "auditions"
    else pattern
    for pattern in eig.urls.urlpatterns
]
