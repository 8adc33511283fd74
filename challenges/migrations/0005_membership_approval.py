"""Joining an administration is approved by one of its members (or staff). The memberships that
already exist were granted on request: they stay approved, dated from their creation."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def date_existing_approvals(apps, schema_editor):
    AdministrationMembership = apps.get_model("challenges", "AdministrationMembership")
    AdministrationMembership.objects.filter(decided_at__isnull=True).update(decided_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0004_work_city_help"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="administrationmembership",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="accepté ou refusé le"),
        ),
        migrations.AddField(
            model_name="administrationmembership",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Vide pour l'agent qui a proposé l'administration et pour les rattachements d'avant la règle.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="accepté ou refusé par",
            ),
        ),
        # Existing rows: approved (the default while the column is added).
        migrations.AddField(
            model_name="administrationmembership",
            name="status",
            field=models.CharField(
                choices=[("pending", "En attente d'accord"), ("approved", "Accepté"), ("declined", "Refusé")],
                default="approved",
                max_length=20,
                verbose_name="état",
            ),
        ),
        migrations.RunPython(date_existing_approvals, migrations.RunPython.noop),
        # New rows: a request, pending.
        migrations.AlterField(
            model_name="administrationmembership",
            name="status",
            field=models.CharField(
                choices=[("pending", "En attente d'accord"), ("approved", "Accepté"), ("declined", "Refusé")],
                default="pending",
                max_length=20,
                verbose_name="état",
            ),
        ),
        migrations.AlterField(
            model_name="administration",
            name="agents",
            field=models.ManyToManyField(
                blank=True,
                related_name="administrations",
                through="challenges.AdministrationMembership",
                through_fields=("administration", "user"),
                to=settings.AUTH_USER_MODEL,
                verbose_name="agents",
            ),
        ),
        migrations.AlterField(
            model_name="administrationmembership",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="demandé le"),
        ),
        migrations.AddConstraint(
            model_name="administrationmembership",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["pending", "approved", "declined"])),
                name="administration_membership_status_valid",
                violation_error_message="Un rattachement est en attente, accepté ou refusé.",
            ),
        ),
        migrations.AddConstraint(
            model_name="administrationmembership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("decided_at__isnull", True), ("status", "pending")),
                    models.Q(models.Q(("status", "pending"), _negated=True), ("decided_at__isnull", False)),
                    _connector="OR",
                ),
                name="administration_membership_decided_at_with_decision",
                violation_error_message=(
                    "Un rattachement accepté ou refusé porte la date de la décision ; une demande en attente n'en a pas."
                ),
            ),
        ),
    ]
