"""What a script may name: the static check run on its syntax tree before any of it executes.

This is a first filter that explains refusals in terms of the script; the boundary is the job process's
operating-system walls (isolation.py). It lets through what ordinary build123d code does (classes with
dunder methods, super(), private attributes the script defines itself, logging) and refuses the well-known
routes from Python into the interpreter's internals."""

import ast
import string
from collections.abc import Collection
from dataclasses import dataclass

SCRIPT_FILENAME = "<script>"

ALLOWED_MODULES = frozenset(
    {
        "__future__",
        "abc",
        "bisect",
        "build123d",
        "cmath",
        "collections",
        "collections.abc",
        "contextlib",
        "copy",
        "dataclasses",
        "datetime",
        "decimal",
        "enum",
        "fractions",
        "functools",
        "heapq",
        "itertools",
        "json",
        "logging",
        "math",
        "numbers",
        "numpy",
        "numpy.linalg",
        "numpy.random",
        "operator",
        "random",
        "re",
        "statistics",
        "string",
        "textwrap",
        "time",
        "typing",
        "warnings",
    }
)

# Packages whose already-loaded submodules a script may import (build123d.topology, OCP.gp, ...).
PACKAGES_WITH_SUBMODULES = ("build123d", "OCP")

FORBIDDEN_NAMES = frozenset(
    {
        "breakpoint",
        "compile",
        "copyright",
        "credits",
        "eval",
        "exec",
        "exit",
        "globals",
        "help",
        "input",
        "license",
        "locals",
        "open",
        "quit",
        "vars",
    }
)

_BINARY_OPERATORS = "add sub mul matmul truediv floordiv mod divmod pow lshift rshift and xor or".split()

# The dunder names a script may use: the object protocol and plain metadata. Everything else with two
# underscores (__class__, __bases__, __mro__, __subclasses__, __globals__, __code__, __closure__, __builtins__,
# __dict__, __self__, __func__, __getattribute__, __reduce__, descriptors' __get__ ...) leads to the
# interpreter's internals.
ORDINARY_DUNDERS = frozenset(
    f"__{name}__"
    for name in (
        "init new post_init del repr str bytes format hash bool eq ne lt le gt ge len length_hint iter next "
        "reversed contains getitem setitem delitem missing enter exit aenter aexit call copy deepcopy "
        "name qualname doc module slots match_args annotations all version author "
        "setattr delattr getattr init_subclass class_getitem set_name "
        "neg pos abs invert round trunc floor ceil index int float complex"
    ).split()
    + _BINARY_OPERATORS
    + [f"r{op}" for op in _BINARY_OPERATORS]
    + [f"i{op}" for op in _BINARY_OPERATORS]
)

# Interpreter internals without underscores that lead to frames, code objects and the globals behind them.
INTERNAL_ATTRIBUTES = frozenset(
    {
        "ag_code",
        "ag_frame",
        "co_code",
        "co_consts",
        "cr_code",
        "cr_frame",
        "f_back",
        "f_builtins",
        "f_code",
        "f_globals",
        "f_locals",
        "f_trace",
        "gi_code",
        "gi_frame",
        "gi_yieldfrom",
        "tb_frame",
        "tb_next",
    }
)

# numpy entry points that read or write files or hand out raw memory.
IO_ATTRIBUTES = frozenset(
    {
        "ctypes",
        "ctypeslib",
        "dump",
        "fromfile",
        "fromregex",
        "genfromtxt",
        "load",
        "loadtxt",
        "memmap",
        "save",
        "savetxt",
        "savez",
        "savez_compressed",
        "tofile",
    }
)

# build123d's file readers (and the OCP readers and pathlib it re-exports); its writers are made harmless
# instead (restricted.py), since a script that exports is an ordinary script.
LIBRARY_READERS = frozenset(
    {
        "Path",
        "STEPCAFControl_Reader",
        "import_brep",
        "import_dxf",
        "import_step",
        "import_stl",
        "import_svg",
        "import_svg_as_buildline_code",
        "import_svg_document",
    }
)

# Private names of build123d's own extension idiom: a custom object says which builder it applies to
# (`_applies_to = [BuildPart._tag]`, as in build123d's stud_wall example) and finds the active one.
LIBRARY_EXTENSION_NAMES = frozenset({"_applies_to", "_get_context", "_tag"})

# Metaclasses a class statement may name: the ones the standard library's own base classes use.
ALLOWED_METACLASSES = frozenset({"ABCMeta", "EnumMeta", "EnumType"})

_IO_REFUSAL = "reads files or raw memory, which scripts may not do"


@dataclass
class PolicyViolation(Exception):
    message: str
    line: int | None

    def __str__(self) -> str:
        return self.message


def attribute_refusal(name: str, own_private: Collection[str] = ()) -> str | None:
    """Why `obj.<name>` is refused, or None when it is allowed; shared by the static and the runtime check.
    `own_private` holds the private names the script defines itself."""
    if name.startswith("__") and name.endswith("__"):
        if name in ORDINARY_DUNDERS:
            return None
        return f"access to the interpreter attribute '{name}' is not allowed"
    if name.startswith("_") and name not in own_private and name not in LIBRARY_EXTENSION_NAMES:
        return f"access to the private attribute '{name}' of a library object is not allowed (a script may use the private attributes it defines itself)"
    if name in INTERNAL_ATTRIBUTES:
        return f"access to the interpreter attribute '{name}' is not allowed"
    if name in IO_ATTRIBUTES or name in LIBRARY_READERS or name.startswith("import_"):
        return f"'{name}' {_IO_REFUSAL}"
    return None


def module_refusal(name: str) -> str | None:
    if name in ALLOWED_MODULES or name.partition(".")[0] in PACKAGES_WITH_SUBMODULES:
        return None
    allowed = ", ".join(sorted(m for m in ALLOWED_MODULES if "." not in m and m != "__future__"))
    return f"import of '{name}' is not allowed (allowed modules: {allowed})"


def own_private_names(tree: ast.AST) -> frozenset[str]:
    """Private names the script defines: attributes it assigns and names bound in its class bodies."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.attr)
        elif isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    names.add(statement.name)
                for target in getattr(statement, "targets", [getattr(statement, "target", None)]):
                    if isinstance(target, ast.Name):
                        names.add(target.id)
    return frozenset(name for name in names if name.startswith("_") and not name.endswith("__"))


class _Checker(ast.NodeVisitor):
    def __init__(self, own_private: frozenset[str]) -> None:
        self.own_private = own_private

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._require_module(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            raise PolicyViolation("relative imports are not allowed", node.lineno)
        self._require_module(node.module or "", node)
        for alias in node.names:
            if alias.name != "*" and (reason := attribute_refusal(alias.name)):
                raise PolicyViolation(reason, node.lineno)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if reason := attribute_refusal(node.attr, self.own_private):
            raise PolicyViolation(reason, node.lineno)
        if node.attr in ("format", "format_map"):
            self._check_format_call(node)
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id.startswith("__") and node.id.endswith("__") and node.id not in ORDINARY_DUNDERS:
            raise PolicyViolation(f"the special name '{node.id}' is not allowed", node.lineno)
        if node.id in FORBIDDEN_NAMES:
            raise PolicyViolation(f"the builtin '{node.id}' is not available in the sandbox", node.lineno)
        if node.id in LIBRARY_READERS:
            raise PolicyViolation(f"'{node.id}' {_IO_REFUSAL}", node.lineno)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for keyword in node.keywords:
            if keyword.arg == "metaclass" and _last_name(keyword.value) not in ALLOWED_METACLASSES:
                raise PolicyViolation(
                    "custom metaclasses are not allowed (ABCMeta and the enum metaclass are)", node.lineno
                )
        self.generic_visit(node)

    def _require_module(self, name: str, node: ast.stmt) -> None:
        if reason := module_refusal(name):
            raise PolicyViolation(reason, node.lineno)

    @staticmethod
    def _check_format_call(node: ast.Attribute) -> None:
        # str.format resolves "{0.attr}" and "{0[key]}" itself, past every attribute check.
        target = node.value
        if not (isinstance(target, ast.Constant) and isinstance(target.value, str)):
            raise PolicyViolation(".format() is only allowed on a string literal; use an f-string", node.lineno)
        for _, field, _, _ in string.Formatter().parse(target.value):
            if field and ("." in field or "[" in field):
                raise PolicyViolation("format fields may not look up attributes or items", node.lineno)


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def check_code(code: str) -> tuple[ast.Module, frozenset[str]]:
    """Parse and vet a script; returns its tree and the private names it defines. Raises SyntaxError or
    PolicyViolation."""
    tree = ast.parse(code, filename=SCRIPT_FILENAME, mode="exec")
    own_private = own_private_names(tree)
    _Checker(own_private).visit(tree)
    return tree, own_private
