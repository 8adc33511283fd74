"""Conflicts of interest: before an audition's file opens, each juror of its jury declares « aucun lien »
or a link with the candidate (a recusal). A declaration is kept as made (one per juror and audition:
PostgreSQL's constraint). When a recusal takes the jury below the cohort's quorum, staff are told
through the outbox."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from auditions import emails
from auditions.audit import declaration_recorded
from auditions.models import Audition, Declaration, Link
from auditions.selectors import audition_sitting
from eig.constraints import refused_by_constraints


@transaction.atomic
def audition_declare(*, audition: Audition, juror, link: str, note: str = "") -> Declaration:
    """Record `juror`'s declaration for the audition. Refused with a French message for a cancelled
    audition, a link without a note, or a second declaration. The audition's row is locked, so that
    two recusals at once are counted one after the other: the one that takes the jury below quorum
    e-mails staff, once."""
    audition = (
        Audition.objects.select_for_update(of=("self",))
        .select_related("application__cohort", "application__candidate", "challenge", "jury")
        .get(pk=audition.pk)
    )
    if not audition.is_active:
        raise ValidationError(_("Cette audition est annulée : aucune déclaration n'est attendue."))
    note = note.strip()
    if link not in Link.values:
        raise ValidationError(_("Choisissez « Aucun lien » ou le lien qui vous unit à la personne auditionnée."))
    if link != Link.NONE and not note:
        raise ValidationError(_("Précisez le lien en quelques mots."))
    quorum = audition.cohort.jury_quorum
    sitting_before = audition_sitting(audition)
    with refused_by_constraints():
        declaration = Declaration.objects.create(
            audition=audition, juror=juror, link=link, note=note if link != Link.NONE else ""
        )
    declaration_recorded(declaration)
    if declaration.is_recusal and sitting_before - 1 < quorum <= sitting_before:
        emails.audition_below_quorum(audition=audition, declaration=declaration, sitting=sitting_before - 1)
    return declaration
