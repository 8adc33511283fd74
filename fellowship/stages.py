"""The last stage of an application (applications.stages): its candidate accepted an offer and is a
fellow of the cohort."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from applications.stages import Stage, stage_register
from cohorts.windows import Step
from fellowship.models import Fellow


def fellow(now) -> Q:
    return Q(Exists(Fellow.objects.filter(application=OuterRef("pk"))))


def register() -> None:
    stage_register(Stage("fellow", _("Entrepreneur·es de la promotion"), fellow, Step.ACCEPTANCE))
