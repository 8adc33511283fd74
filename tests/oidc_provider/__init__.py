"""A real OpenID Connect provider for the ProConnect tests: django-oauth-toolkit with OIDC on, run by
gunicorn on loopback in its own PostgreSQL database (`server.OidcProvider`, started by the
`oidc_provider` fixture). Its sign-in page stands for an agent's identity provider: it takes the agent's
address, names and whether they used a second factor there, which the ID token's `amr` then says."""
