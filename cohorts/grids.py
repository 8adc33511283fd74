"""The real programme's scoring grids (DESIGN.md), used to seed each new cohort's grids."""

from django.utils.translation import gettext_lazy as _

from cohorts.models import GridStage

DEFAULT_GRIDS = {
    GridStage.CHALLENGE_SELECTION: (
        1,
        4,
        [
            (_("Pertinence du besoin et portage"), _("Le besoin est réel et soutenu au plus haut niveau.")),
            (_("Caractère entrepreneurial"), _("Le défi laisse place à l'exploration et à l'initiative.")),
            (
                _("Engagement de la structure d'accueil"),
                _("Accès au terrain, autonomie de l'équipe, temps des porteur·ses de projet."),
            ),
            (_("Transformation numérique et éthique"), _("Le défi transforme l'action publique avec éthique.")),
            (
                _("Ouverture et mutualisation"),
                _("Le code et les données seront ouverts et réutilisables."),
            ),
        ],
    ),
    GridStage.PRESELECTION: (
        0,
        5,
        [
            (_("Sens de l'intérêt général"), ""),
            (_("Cohérence du parcours"), ""),
            (_("Esprit d'initiative"), ""),
            (_("Travail avec d'autres métiers"), ""),
            (_("Capacité d'adaptation"), ""),
            (_("Pédagogie et force de conviction"), ""),
        ],
    ),
    GridStage.AUDITION: (
        0,
        5,
        [
            (_("Compréhension et cadrage du problème"), ""),
            (_("Structuration et organisation"), ""),
            (_("Compétences pertinentes"), ""),
            (_("Collaboration"), ""),
            (_("Compréhension du défi et intérêt pour lui"), ""),
            (_("Comportement en groupe"), ""),
        ],
    ),
}
