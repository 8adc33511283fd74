from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# French full-text search that ignores accents: « sante » finds « santé », « donnees » finds « données ».
# unaccent is a trusted extension: the database owner may create it without superuser rights.
CREATE_CONFIGURATION = """
CREATE TEXT SEARCH CONFIGURATION french_unaccent ( COPY = pg_catalog.french );
ALTER TEXT SEARCH CONFIGURATION french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0001_initial"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(
            CREATE_CONFIGURATION, reverse_sql="DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;"
        ),
    ]
