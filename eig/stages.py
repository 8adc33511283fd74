"""The second-factor prompt of allauth's login stages, aware of the identity provider's own.

allauth asks an account that has an authenticator (TOTP, security key) for it at each sign-in
(`allauth.mfa.stages.AuthenticateStage`). When the sign-in comes from ProConnect and its ID token's
`amr` says a multi-factor authentication took place at the agent's identity provider, asking again would
only repeat it: the prompt is skipped, and the session records that the second factor was done there,
which eig.gate accepts for this session (`record_identity_provider_second_factor`). Every other sign-in
(password, ProConnect without "mfa") clears that record and is prompted as allauth does.
Installed by `eig.adapters.AccountAdapter.get_login_stages`.
"""

from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage

from eig.gate import record_identity_provider_second_factor
from eig.proconnect import identity_provider_did_mfa


class AuthenticateStage(AllauthAuthenticateStage):
    def handle(self) -> tuple:
        user = self.login.user
        if user is not None:
            sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
            done = identity_provider_did_mfa(sociallogin)
            record_identity_provider_second_factor(self.request, user, done=done)
            if done:
                return None, True
        return super().handle()
