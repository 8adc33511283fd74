"""The stages of an application that the auditions know (applications.stages): auditioned, once one of
its auditions is over, and laureate, on the main list of the last validated version of a deliberation
(what the fellowship reads: fellowship.lists)."""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from applications.stages import Stage, stage_register
from auditions.models import ACTIVE_AUDITIONS, Audition, ListKind, ListVersion, ListVersionEntry
from cohorts.windows import Step


def auditioned(now) -> Q:
    return Q(Exists(Audition.objects.filter(ACTIVE_AUDITIONS, application=OuterRef("pk"), ends_at__lte=now)))


def laureate(now) -> Q:
    last_version = ListVersion.objects.filter(deliberation=OuterRef("version__deliberation")).order_by("-number")
    entries = ListVersionEntry.objects.filter(kind=ListKind.MAIN, application=OuterRef("pk")).filter(
        version=Subquery(last_version.values("pk")[:1])
    )
    return Q(Exists(entries))


def register() -> None:
    stage_register(Stage("auditioned", _("Auditionnées"), auditioned, Step.AUDITIONS))
    stage_register(Stage("laureate", _("Lauréates"), laureate, Step.DELIBERATION))
