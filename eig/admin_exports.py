from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _


class ListExportAdminMixin:
    """ "Exporter la liste" buttons: `<changelist>/export/<format>/` exports the list as filtered,
    searched and sorted on the change list (same query string). `list_exports` maps a format to a
    function queryset → response; the URL names are `<app>_<model>_export_<format>`."""

    list_exports: dict = {}

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            *(
                path(
                    f"export/{fmt}/",
                    self.admin_site.admin_view(self.export_list_view),
                    {"export": export},
                    name=f"{prefix}_export_{fmt}",
                )
                for fmt, export in self.list_exports.items()
            ),
            *super().get_urls(),
        ]

    def export_list_view(self, request, export):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            message = _("Les filtres de l'adresse ne sont pas valides : rien n'a été exporté.")
            self.message_user(request, f"{message} {_('Choisissez-les dans la liste.')}", messages.ERROR)
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
        return export(changelist.get_queryset(request))
