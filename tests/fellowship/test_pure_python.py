"""The assignment model knows nothing of Django nor of the layers: plain Python, numpy and scipy only."""

import ast
import sys
from pathlib import Path

import fellowship

ALLOWED = set(sys.stdlib_module_names) | {"numpy", "scipy", "fellowship"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            roots.add(node.module.split(".")[0])
    return roots


def test_assignment_modules_import_only_the_standard_library_numpy_and_scipy():
    modules = sorted(Path(fellowship.__file__).parent.glob("assignment*.py"))

    assert [module.name for module in modules] == [
        "assignment.py",
        "assignment_data.py",
        "assignment_explain.py",
        "assignment_text.py",
    ]
    assert {module.name: imported_roots(module) - ALLOWED for module in modules} == {
        module.name: set() for module in modules
    }
