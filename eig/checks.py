"""Deployment checks of our own settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def trusted_proxies_check(app_configs, **kwargs) -> list[Warning]:
    """Behind the HTTPS proxy, TRUSTED_PROXIES must name it, or login rate limits count every visitor
    as the proxy and ten failures from anyone block every login."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.TRUSTED_PROXIES:
        return [
            Warning(
                "BEHIND_HTTPS_PROXY est activé mais TRUSTED_PROXIES est vide : les limites de tentatives de "
                "connexion compteraient tous les visiteurs comme une seule adresse, celle du proxy.",
                hint="Indiquez dans TRUSTED_PROXIES l'adresse ou le réseau du proxy (docs/operations.md).",
                id="eig.W001",
            )
        ]
    return []
