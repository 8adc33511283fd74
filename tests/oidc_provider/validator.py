from oauth2_provider.oauth2_validators import OAuth2Validator

MFA_GROUP = "mfa"


class Validator(OAuth2Validator):
    """ProConnect's claims: the e-mail address, `given_name`, `usual_name`, and `amr` — ["pwd", "mfa"]
    when the agent used a second factor at their last sign-in here (the `mfa` group), else ["pwd"]."""

    # Every claim is returned, whatever the scope (ProConnect's scopes are not DOT's).
    oidc_claim_scope = None

    def get_additional_claims(self, request):
        user = request.user
        used_mfa = user.groups.filter(name=MFA_GROUP).exists()
        return {
            "email": user.email,
            "given_name": user.first_name,
            "usual_name": user.last_name,
            "amr": ["pwd", "mfa"] if used_mfa else ["pwd"],
        }
