"""Run once before the provider starts: migrate its database and register the platform as a client
(`python -m tests.oidc_provider.prepare CLIENT_ID SECRET REDIRECT_URI...`)."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

client_id, secret, *redirect_uris = sys.argv[1:]
call_command("migrate", verbosity=0, interactive=False)
Application.objects.create(
    name="EIG",
    client_id=client_id,
    client_secret=secret,
    client_type=Application.CLIENT_CONFIDENTIAL,
    authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    redirect_uris=" ".join(redirect_uris),
    algorithm=Application.RS256_ALGORITHM,
    skip_authorization=True,
)
