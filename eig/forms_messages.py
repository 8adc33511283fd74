from django.utils.translation import gettext as _


def field_to_fill_message(label) -> str:
    """« Champ à remplir : Ville. » — without a full stop after a question (« … accessibles ? »)."""
    label = str(label).capitalize()
    if label.endswith("?"):
        return _("Champ à remplir : %(label)s") % {"label": label}
    return _("Champ à remplir : %(label)s.") % {"label": label}
