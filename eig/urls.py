from allauth.account.decorators import secure_admin_login
from allauth.socialaccount.models import SocialApp, SocialToken
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from dsfr.models import DsfrConfig

from eig import proconnect, views

# The admin's own login form is replaced by allauth's, which is rate limited and knows MFA.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Administration EIG")
admin.site.site_title = _("Administration EIG")
admin.site.index_title = _("Piloter les promotions")
# The site's DSFR settings (title, footer…) come from code (eig.context_processors), not this model.
if admin.site.is_registered(DsfrConfig):
    admin.site.unregister(DsfrConfig)
# ProConnect's app is configured from the environment (eig/proconnect_settings.py) and no token is stored
# (SOCIALACCOUNT_STORE_TOKENS): only the linked accounts are shown in the admin.
for _model in (SocialApp, SocialToken):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)

# The error pages share one template; the 400 page says why, when the reason is one for the visitor
# (eig.middleware.RefusedInput).
handler400 = "eig.views.bad_request"
handler403 = "eig.views.permission_denied"
handler404 = "eig.views.page_not_found"

urlpatterns = [
    path("", include("cohorts.urls")),
    path("administrations/", include("challenges.urls")),
    path("selection-des-defis/", include("challenges.urls_selection")),
    path("defis/", include("challenges.urls_catalogue")),
    path("candidature/", include("applications.urls")),
    path("preselection/", include("applications.urls_review")),
    path("auditions/", include("auditions.urls")),
    path("promotion/", include("fellowship.urls")),
    path("journal/", include("eig.audit.urls")),
    path("tableau-de-bord/", include("figures.urls")),
    path("chiffres/", include("figures.urls_public")),
    path("healthz", views.healthz, name="healthz"),
    path("langue/<str:language>/", views.switch_language, name="switch_language"),
    path("accessibilite/", views.accessibility, name="footer-accessibility-status"),
    path("mentions-legales/", views.legal_notice, name="footer-legal-notice"),
    path("donnees-personnelles/", views.personal_data, name="footer-personal-data"),
    path("contact/", views.contact, name="contact"),
    path("plan-du-site/", TemplateView.as_view(template_name="pages/sitemap.html"), name="footer-sitemap"),
    path("compte/identite/", views.identity, name="identity"),
    # ProConnect's sign-in and callback, at the addresses allauth gives them, with eig's adapter.
    path("comptes/oidc/proconnect/login/", proconnect.login, name="proconnect_login"),
    path("comptes/oidc/proconnect/login/callback/", proconnect.callback, name="proconnect_callback"),
    path("compte/donnees/", views.my_data, name="my_data"),
    path("compte/donnees/archive/", views.my_data_download, name="my_data_download"),
    path("compte/supprimer/", views.account_delete_view, name="account_delete"),
    path("comptes/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
