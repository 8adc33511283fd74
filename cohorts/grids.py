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
            # Each criterion carries its interview guidance (what to look for, a question to ask), shown
            # beside the jurors' grid and editable per cohort.
            (
                _("Compréhension et cadrage du problème"),
                _(
                    "La personne reformule le problème avant d'y répondre. Question : « Par quoi "
                    "commenceriez-vous les trois premières semaines ? »"
                ),
            ),
            (
                _("Structuration et organisation"),
                _("Le travail est découpé en étapes et en priorités. Demandez un projet mené de bout en bout."),
            ),
            (
                _("Compétences pertinentes"),
                _("Les compétences servent ce défi. Faites décrire une réalisation précise et le rôle tenu."),
            ),
            (
                _("Collaboration"),
                _("Le travail avec d'autres métiers et avec les agents. Demandez un désaccord vécu et son issue."),
            ),
            (
                _("Compréhension du défi et intérêt pour lui"),
                _("Le défi a été lu et la personne s'y projette. Demandez ce qui l'attire et ce qui l'inquiète."),
            ),
            (
                _("Comportement en groupe"),
                _("Écoute, laisse place aux autres, convainc sans imposer : à observer pendant tout l'échange."),
            ),
        ],
    ),
}
