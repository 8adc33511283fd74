"""Each application gets its anonymous review code. Existing rows are given one each (a default would
give them all the same), before the column becomes required and unique."""

from django.db import migrations, models

import applications.models


def give_existing_applications_a_code(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    taken = set()
    for application in Application.objects.filter(review_code__isnull=True).only("pk").iterator():
        code = applications.models.new_review_code()
        while code in taken:
            code = applications.models.new_review_code()
        taken.add(code)
        Application.objects.filter(pk=application.pk).update(review_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="review_code",
            field=models.CharField(editable=False, max_length=11, null=True, verbose_name="code d'évaluation anonyme"),
        ),
        migrations.RunPython(give_existing_applications_a_code, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="application",
            name="review_code",
            field=models.CharField(
                default=applications.models.new_review_code,
                editable=False,
                max_length=11,
                verbose_name="code d'évaluation anonyme",
            ),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.UniqueConstraint(
                fields=("review_code",),
                name="application_review_code_unique",
                violation_error_message="Ce code d'évaluation anonyme est déjà pris par une autre candidature.",
            ),
        ),
    ]
