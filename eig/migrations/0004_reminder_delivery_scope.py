"""The ledger refers to no app (docs/architecture.md, "The layers"): the cohort foreign key becomes
`scope_id`, a plain id the rule interprets.

0002 once created a `cohort_id` column with a foreign key to cohorts (and a dependency on the
cohorts app, against the layers); 0002 no longer does. On a database that applied the old 0002,
this copies `cohort_id` into `scope_id` and drops it (with its foreign key and index); elsewhere
the column is not there and nothing is dropped.
"""

from django.db import migrations, models

COPY_THEN_DROP_COHORT = """
DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'eig_reminderdelivery' AND column_name = 'cohort_id'
    ) THEN
        UPDATE eig_reminderdelivery SET scope_id = cohort_id;
        ALTER TABLE eig_reminderdelivery DROP COLUMN cohort_id;
    END IF;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("eig", "0003_user_usual_name_pronouns"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminderdelivery",
            name="scope_id",
            field=models.PositiveBigIntegerField(
                default=0,
                help_text="Ce qui porte l'échéance : la promotion, pour une date de son calendrier.",
                verbose_name="portée",
            ),
            preserve_default=False,
        ),
        migrations.RunSQL(COPY_THEN_DROP_COHORT, reverse_sql=migrations.RunSQL.noop),
    ]
