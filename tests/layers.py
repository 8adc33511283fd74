"""The layers checker (docs/architecture.md, "The layers"): every module of the project has a layer,
and no import, inline or not, and no migration dependency points to a higher one; no two modules
import each other, however indirectly.

Plain `ast` over the source files, so it sees what the code says without importing it: imports at
module level and inside functions (an inline import is still a dependency), relative imports, and
`import_module("…")` with a literal name. `autodiscover_modules("reminders")` is not a dependency:
it is how the kernel lets the apps plug in, and the kernel works without any of them.
"""

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# The packages of the project, in the order of the process (the kernel is the rest of eig/).
PACKAGE_LAYERS = {
    "figures": 6,
    "fellowship": 5,
    "auditions": 4,
    "applications": 3,
    "challenges": 2,
    "cohorts": 1,
    "eig": 0,
}
# The project shell: wiring that may import every app.
SHELL = 7
SHELL_MODULES = {"eig", "eig.settings", "eig.urls", "eig.celery", "eig.wsgi", "eig.asgi"}
SHELL_PACKAGES = ("eig.management",)
LAYER_NAMES = {
    7: "shell",
    6: "figures",
    5: "fellowship",
    4: "auditions",
    3: "applications",
    2: "challenges",
    1: "cohorts",
    0: "kernel",
}


@dataclass(frozen=True)
class Import:
    """`module` (in file `path`, at `line`) depends on `target`, another module of the project."""

    module: str
    target: str
    path: str
    line: int


def layer_of(module: str) -> int | None:
    """The layer of a dotted module name, or None outside the project."""
    if module in SHELL_MODULES or any(module == p or module.startswith(p + ".") for p in SHELL_PACKAGES):
        return SHELL
    return PACKAGE_LAYERS.get(module.split(".", 1)[0])


def project_modules(root: Path) -> dict[str, Path]:
    """Every module of the project's packages under `root` (migrations included): name -> file."""
    modules = {}
    for package in PACKAGE_LAYERS:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module `name` stands for: itself, or the closest package containing it."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _imported_names(node: ast.AST, module: str, is_package: bool) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = module.split(".") if is_package else module.split(".")[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        # `from a import b` imports the module a.b when there is one, else the name b of module a.
        yield from (f"{base}.{alias.name}" for alias in node.names)
    elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if function == "import_module" and isinstance(node.args[0].value, str):
            yield node.args[0].value


def project_imports(root: Path) -> list[Import]:
    """Every dependency between two modules of the project, inline imports included."""
    modules = project_modules(root)
    found = set()
    for module, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            for name in _imported_names(node, module, path.name == "__init__.py"):
                target = _resolve(name, modules)
                if target is not None and target != module:
                    found.add(Import(module, target, str(path.relative_to(root)), node.lineno))
    return sorted(found, key=lambda dependency: (dependency.path, dependency.line, dependency.target))


def _describe(layer: int) -> str:
    return f"{LAYER_NAMES[layer]} ({layer})"


def upward_imports(root: Path) -> list[str]:
    """`file:line` of each import that points to a higher layer."""
    problems = []
    for dependency in project_imports(root):
        source, target = layer_of(dependency.module), layer_of(dependency.target)
        if target > source:
            problems.append(
                f"{dependency.path}:{dependency.line}: {dependency.module} ({_describe(source)}) imports "
                f"{dependency.target} ({_describe(target)})"
            )
    return problems


def kernel_template_tag_imports(root: Path) -> list[str]:
    """`file:line` of each kernel module that imports template tags: a tag module presents what the
    kernel computes (eig.dates.paris_datetime behind the `paris_datetime` filter), never the reverse."""
    return [
        f"{dependency.path}:{dependency.line}: {dependency.module} (kernel) imports template tags: {dependency.target}"
        for dependency in project_imports(root)
        if layer_of(dependency.module) == 0
        and ".templatetags" not in dependency.module
        and ".templatetags" in dependency.target
    ]


def _migration_dependencies(tree: ast.Module) -> Iterator[tuple[str, int]]:
    """The app labels named in a migration's `dependencies = [("app", "0001_…"), …]`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "dependencies" for t in node.targets):
            for element in getattr(node.value, "elts", []):
                if isinstance(element, ast.Tuple) and isinstance(element.elts[0], ast.Constant):
                    yield element.elts[0].value, element.lineno


def upward_migration_dependencies(root: Path) -> list[str]:
    """`file:line` of each migration that depends on a migration of a higher layer."""
    problems = []
    for module, path in project_modules(root).items():
        if ".migrations." not in module:
            continue
        source = layer_of(module)
        for app_label, line in _migration_dependencies(ast.parse(path.read_text(), filename=str(path))):
            target = PACKAGE_LAYERS.get(app_label)
            if target is not None and target > source:
                problems.append(
                    f"{path.relative_to(root)}:{line}: {module} ({_describe(source)}) depends on migrations of "
                    f"{app_label} ({_describe(target)})"
                )
    return problems


def strongly_connected(graph: dict[str, set[str]]) -> Iterable[list[str]]:
    """Tarjan's algorithm (iterative): the strongly connected components of `graph`."""
    index, low, on_stack, stack, counter = {}, {}, set(), [], 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    yield sorted(component)


def import_cycles(root: Path) -> list[str]:
    """Each group of modules that import each other (directly or through others), with the imports
    that close the circle."""
    dependencies = project_imports(root)
    graph: dict[str, set[str]] = {}
    for dependency in dependencies:
        graph.setdefault(dependency.module, set()).add(dependency.target)
    problems = []
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue
        members = set(component)
        edges = [
            f"{d.path}:{d.line} ({d.module} -> {d.target})"
            for d in dependencies
            if d.module in members and d.target in members
        ]
        problems.append(f"import cycle between {', '.join(component)}: {'; '.join(edges)}")
    return problems


def layer_problems(root: Path) -> list[str]:
    """Everything the layers test refuses under `root`."""
    return (
        upward_imports(root)
        + kernel_template_tag_imports(root)
        + upward_migration_dependencies(root)
        + import_cycles(root)
    )
