import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Value

from eig.markdown import markdown_to_text

# Frozen copy of challenges.search at the time of this migration: name A, summary B, the public long
# texts' plain text C, the administration D, in the accent-insensitive French configuration.
CONFIG = "french_unaccent"
LONG_TEXTS = ("context", "solution", "benefits", "data_needed", "openness")


def index_existing_challenges(apps, schema_editor):
    Challenge = apps.get_model("challenges", "Challenge")
    for challenge in Challenge.objects.select_related("administration").iterator(chunk_size=500):
        long_texts = "\n".join(markdown_to_text(getattr(challenge, name)) for name in LONG_TEXTS)
        administration = challenge.administration
        vector = (
            SearchVector(Value(challenge.name), weight="A", config=CONFIG)
            + SearchVector(Value(challenge.summary), weight="B", config=CONFIG)
            + SearchVector(Value(long_texts), weight="C", config=CONFIG)
            + SearchVector(Value(f"{administration.name} {administration.acronym}"), weight="D", config=CONFIG)
        )
        Challenge.objects.filter(pk=challenge.pk).update(search_vector=vector)


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0002_french_unaccent_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="challenge",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="challenge",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_vector"], name="challenge_search_vector"),
        ),
        migrations.RunPython(index_existing_challenges, migrations.RunPython.noop),
    ]
