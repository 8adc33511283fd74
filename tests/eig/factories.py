import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time

from eig.models import User

DEFAULT_PASSWORD = "motdepasse-de-test-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(DEFAULT_PASSWORD)

    class Params:
        candidate = factory.Trait(is_candidate=True)
        agent = factory.Trait(is_agent=True)
        juror = factory.Trait(is_juror=True)
        director = factory.Trait(is_staff=True, is_director=True)
        staff = factory.Trait(is_staff=True)
        fellow = factory.Trait(is_fellow=True)
        mentor = factory.Trait(is_mentor=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        """A TOTP authenticator (`TOTP_SECRET` gives its codes). Staff get one by default, as the
        admin requires; pass second_factor=False for a staff account without it."""
        if create and (obj.is_staff if extracted is None else extracted):
            TOTP.activate(obj, TOTP_SECRET)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """A verified e-mail address, as allauth requires before login (pass verified=False to skip)."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)


def current_totp_code(secret: str, *, margin: float = 5) -> str:
    """The code an authenticator app shows now for `secret`. Within `margin` seconds of the end of its
    period, the next period's: a code typed in the last instant reaches the server after its period, when
    allauth (which accepts the current period only) refuses it — a browser under load takes seconds."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < margin:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
