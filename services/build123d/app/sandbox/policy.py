"""What a script may name: the static check run on its syntax tree before any of it executes."""

import ast
import string
from dataclasses import dataclass

SCRIPT_FILENAME = "<script>"

ALLOWED_MODULES = frozenset(
    {
        "__future__",
        "bisect",
        "build123d",
        "cmath",
        "collections",
        "collections.abc",
        "copy",
        "dataclasses",
        "enum",
        "fractions",
        "functools",
        "heapq",
        "itertools",
        "math",
        "numbers",
        "numpy",
        "numpy.linalg",
        "numpy.random",
        "random",
        "statistics",
        "typing",
    }
)

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

# Interpreter internals that lead to frames, code objects and the globals behind them.
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


# build123d's own file readers and writers; scripts reach them by name after "from build123d import *".
LIBRARY_IO_NAMES = frozenset(
    {
        "Export2D",
        "ExportDXF",
        "ExportSVG",
        "Mesher",
        "export_brep",
        "export_gltf",
        "export_obj",
        "export_step",
        "export_stl",
        "export_to_pcbway",
        "import_brep",
        "import_dxf",
        "import_step",
        "import_stl",
        "import_svg",
        "import_svg_as_buildline_code",
    }
)

_IO_REFUSAL = "reads or writes files or raw memory, which scripts may not do: the service exports root_part itself"


@dataclass
class PolicyViolation(Exception):
    message: str
    line: int | None

    def __str__(self) -> str:
        return self.message


def attribute_refusal(name: str) -> str | None:
    """Why `obj.<name>` is refused, or None when it is allowed; shared by the static and the runtime check."""
    if name.startswith("_"):
        return f"access to the private or special attribute '{name}' is not allowed"
    if name in INTERNAL_ATTRIBUTES:
        return f"access to the interpreter attribute '{name}' is not allowed"
    if name in IO_ATTRIBUTES or name in LIBRARY_IO_NAMES or name.startswith(("import_", "export_")):
        return f"'{name}' {_IO_REFUSAL}"
    return None


def module_refusal(name: str) -> str | None:
    if name in ALLOWED_MODULES:
        return None
    allowed = ", ".join(sorted(m for m in ALLOWED_MODULES if "." not in m and m != "__future__"))
    return f"import of '{name}' is not allowed (allowed modules: {allowed})"


class _Checker(ast.NodeVisitor):
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
        if reason := attribute_refusal(node.attr):
            raise PolicyViolation(reason, node.lineno)
        if node.attr in ("format", "format_map"):
            self._check_format_call(node)
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id.startswith("__") and node.id != "__name__":
            raise PolicyViolation(f"the special name '{node.id}' is not allowed", node.lineno)
        if node.id in FORBIDDEN_NAMES:
            raise PolicyViolation(f"the builtin '{node.id}' is not available in the sandbox", node.lineno)
        if node.id in LIBRARY_IO_NAMES:
            raise PolicyViolation(f"'{node.id}' {_IO_REFUSAL}", node.lineno)

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


def check_code(code: str) -> ast.Module:
    """Parse and vet a script; raises SyntaxError or PolicyViolation."""
    tree = ast.parse(code, filename=SCRIPT_FILENAME, mode="exec")
    _Checker().visit(tree)
    return tree
