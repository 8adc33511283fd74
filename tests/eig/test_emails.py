import pytest

from eig.emails import email_render
from tests.challenges.factories import ChallengeFactory

pytestmark = pytest.mark.django_db


def test_email_text_parts_are_not_html_escaped():
    challenge = ChallengeFactory(name="L'école & <la> donnée")

    rendered = email_render(
        template="emails/challenges/reopened",
        context={"challenge": challenge, "note": "Précisez l'équipe, s'il vous plaît.", "url": "https://x/"},
        language="fr",
    )

    assert rendered["subject"] == "[EIG] Votre défi « L'école & <la> donnée » est de nouveau modifiable"
    assert "Message de l'équipe : Précisez l'équipe, s'il vous plaît." in rendered["body"]
