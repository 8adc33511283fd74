"""Imports point down the layers (docs/architecture.md, "The layers"): shell 7, figures 6, fellowship 5,
auditions 4, applications 3, challenges 2, cohorts 1, kernel 0 (the rest of eig/)."""

from pathlib import Path

from tests.layers import (
    import_cycles,
    kernel_template_tag_imports,
    layer_problems,
    upward_imports,
    upward_migration_dependencies,
)

ROOT = Path(__file__).resolve().parent.parent


def test_layers_imports_point_down_and_do_not_circle():
    assert layer_problems(ROOT) == []


def plant(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_layers_checker_fails_on_a_planted_upward_import_inline_or_not(tmp_path):
    plant(
        tmp_path,
        {
            "eig/__init__.py": "",
            "eig/dates.py": "",
            "eig/management/commands/seed.py": "from challenges import demo\n",
            "eig/reminders/services.py": "from cohorts.models import Cohort\n",
            "cohorts/__init__.py": "",
            "cohorts/models.py": "from eig.dates import PARIS\n",
            "cohorts/demo.py": "import eig.dates\n\n\ndef seed():\n    from challenges.models import Challenge\n",
            "cohorts/windows.py": "from importlib import import_module\n\nimport_module('challenges.models')\n",
            "challenges/__init__.py": "",
            "challenges/models.py": "from ..cohorts import models\n",
            "challenges/demo.py": "from . import models\n",
        },
    )

    assert upward_imports(tmp_path) == [
        "cohorts/demo.py:5: cohorts.demo (cohorts (1)) imports challenges.models (challenges (2))",
        "cohorts/windows.py:3: cohorts.windows (cohorts (1)) imports challenges.models (challenges (2))",
        "eig/reminders/services.py:1: eig.reminders.services (kernel (0)) imports cohorts.models (cohorts (1))",
    ]


def test_layers_checker_fails_on_a_planted_kernel_import_of_template_tags(tmp_path):
    plant(
        tmp_path,
        {
            "eig/dates.py": "",
            "eig/templatetags/eig_tags.py": "from eig.dates import paris_datetime\n",
            "eig/reminders/services.py": "from eig.templatetags.eig_tags import paris_datetime\n",
            "cohorts/windows.py": "from eig.templatetags.eig_tags import paris_datetime\n",
        },
    )

    assert kernel_template_tag_imports(tmp_path) == [
        "eig/reminders/services.py:1: eig.reminders.services (kernel) imports template tags: eig.templatetags.eig_tags"
    ]


def test_layers_checker_fails_on_a_planted_upward_migration_dependency(tmp_path):
    plant(
        tmp_path,
        {
            "eig/migrations/0002_reminder.py": (
                "class Migration:\n    dependencies = [\n        ('eig', '0001_initial'),\n"
                "        ('cohorts', '0001_initial'),\n    ]\n"
            ),
            "cohorts/migrations/0002_link.py": "class Migration:\n    dependencies = [('eig', '0002_reminder')]\n",
        },
    )

    assert upward_migration_dependencies(tmp_path) == [
        "eig/migrations/0002_reminder.py:4: eig.migrations.0002_reminder (kernel (0)) depends on migrations of "
        "cohorts (cohorts (1))"
    ]


def test_layers_checker_fails_on_a_planted_cycle_even_through_an_inline_import(tmp_path):
    plant(
        tmp_path,
        {
            "eig/__init__.py": "",
            "eig/emails.py": "def queue():\n    from eig.tasks import send\n",
            "eig/tasks.py": "from eig.outbox import record\n",
            "eig/outbox.py": "import eig.emails\n",
            "eig/dates.py": "",
            "cohorts/models.py": "from eig import dates\n",
        },
    )

    assert import_cycles(tmp_path) == [
        "import cycle between eig.emails, eig.outbox, eig.tasks: eig/emails.py:2 (eig.emails -> eig.tasks); "
        "eig/outbox.py:1 (eig.outbox -> eig.emails); eig/tasks.py:1 (eig.tasks -> eig.outbox)"
    ]
