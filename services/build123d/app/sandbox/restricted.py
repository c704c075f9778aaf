"""The namespace a script runs in: vetted builtins, a guarded importer, per-job views of the allowed modules,
and build123d's exporters made harmless.

Like the static policy this is a friendly first filter, not the boundary: it keeps ordinary scripts working
as they do under plain Python and gives clear refusals for the obvious routes out."""

import builtins
import importlib
import io
import sys
import types
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

import build123d as bd

from app.sandbox.policy import ALLOWED_MODULES, PACKAGES_WITH_SUBMODULES, attribute_refusal, module_refusal


class ForbiddenError(Exception):
    """A script reached, at run time, for something the sandbox refuses."""


# Public names that start test runners or evaluate strings, left out of the views beyond the file readers
# that attribute_refusal names.
_HIDDEN = {
    "numpy": {"DataSource", "get_include", "info", "show_config", "show_runtime", "test"},
    "typing": {"ForwardRef", "get_type_hints"},
}

_SAFE_BUILTINS = (
    "abs all any ascii bin bool bytearray bytes callable chr classmethod complex dict dir divmod enumerate "
    "filter float format frozenset hash hex id int isinstance issubclass iter len list map max memoryview min "
    "next object oct ord pow print property range repr reversed round set slice sorted staticmethod str sum super "
    "tuple type zip Ellipsis NotImplemented"
).split()

_EXCEPTIONS = tuple(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException) and name not in ("SystemExit", "KeyboardInterrupt")
)

MAX_LOG_CHARS = 64 * 1024


class CappedLog(io.TextIOBase):
    """What the script prints and logs: kept up to a cap, then only counted, so output costs nothing however large."""

    def __init__(self, cap: int = MAX_LOG_CHARS) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._cap = cap
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        room = self._cap - self._size
        if room > 0:
            self._parts.append(text[:room])
            self._size += min(len(text), room)
        self.dropped += max(len(text) - max(room, 0), 0)
        return len(text)

    def text(self) -> str:
        joined = "".join(self._parts)
        return joined + (f"\n… {self.dropped} more characters dropped\n" if self.dropped else "")


@dataclass
class JobNotes:
    """What the service tells the user about the run beside the result: its warnings and the script's log."""

    log: CappedLog = field(default_factory=CappedLog)
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


_EXPORT_FUNCTIONS = [name for name in dir(bd) if name.startswith("export_") and callable(getattr(bd, name))]
_EXPORTERS = {id(getattr(bd, name)) for name in (*_EXPORT_FUNCTIONS, "ExportSVG", "ExportDXF", "Mesher")}


def _skipped(name: str, notes: JobNotes) -> str:
    notes.warn(f"{name} was skipped: the service exports root_part itself (ask for formats in the request)")
    return name


def _harmless_exporters(notes: JobNotes) -> dict[Any, Any]:
    """build123d's writers, each replaced by one that writes nothing and says so in the result's warnings."""

    def function(name: str) -> Callable[..., bool]:
        def export(*_args: object, **_kwargs: object) -> bool:
            _skipped(f"{name}()", notes)
            return True

        export.__name__ = export.__qualname__ = name
        return export

    def write(self: object, *_args: object, **_kwargs: object) -> None:
        _skipped(f"{type(self).__name__}.write()", notes)

    def refuse_read(self: object, *_args: object, **_kwargs: object) -> None:
        raise ForbiddenError(f"{type(self).__name__}.read() reads files, which scripts may not do")

    replaced: dict[Any, Any] = {getattr(bd, name): function(name) for name in _EXPORT_FUNCTIONS}
    for cls in (bd.ExportSVG, bd.ExportDXF):
        replaced[cls] = type(cls.__name__, (cls,), {"write": write, "__module__": cls.__module__})
    replaced[bd.Mesher] = type(
        "Mesher", (bd.Mesher,), {"write": write, "write_stream": write, "read": refuse_read, "__module__": "build123d"}
    )
    return replaced


def _refuse_attribute(name: object, own_private: Collection[str]) -> str:
    if not isinstance(name, str):
        raise TypeError("attribute name must be a string")
    # str.format resolves "{0.attr}" fields itself, so a bound format method is an attribute lookup in disguise.
    reason = attribute_refusal(name, own_private) or (
        "string formatting through getattr is not allowed" if name in ("format", "format_map") else None
    )
    if reason:
        raise ForbiddenError(reason)
    return name


def _attribute_builtins(own_private: Collection[str]) -> dict[str, Callable[..., Any]]:
    """getattr and friends applying the static attribute rules to computed names."""

    def guarded_getattr(obj: object, name: str, *default: object) -> Any:
        return getattr(obj, _refuse_attribute(name, own_private), *default)

    def guarded_hasattr(obj: object, name: str) -> bool:
        return hasattr(obj, _refuse_attribute(name, own_private))

    def guarded_setattr(obj: object, name: str, value: object) -> None:
        setattr(obj, _refuse_attribute(name, own_private), value)

    def guarded_delattr(obj: object, name: str) -> None:
        delattr(obj, _refuse_attribute(name, own_private))

    return {"getattr": guarded_getattr, "hasattr": guarded_hasattr, "setattr": guarded_setattr, "delattr": guarded_delattr}


class _ModuleView(types.ModuleType):
    __all__: list[str]

    def __getattr__(self, name: str) -> Any:
        if reason := attribute_refusal(name):
            raise ForbiddenError(f"{self.__name__}.{name}: {reason}")
        raise AttributeError(f"module '{self.__name__}' has no attribute '{name}' in the sandbox")


def _exposed(name: str, module: types.ModuleType) -> dict[str, Any]:
    hidden = _HIDDEN.get(name, set())
    exposed = {}
    for attr in dir(module):
        if attr.startswith("_") or attr in hidden or attribute_refusal(attr):
            continue
        value = getattr(module, attr, None)
        if value is not None and not isinstance(value, types.ModuleType):
            exposed[attr] = value
    return exposed


class ModuleCatalog:
    """The allowed modules, imported once in the zygote; each job makes fresh views of them."""

    def __init__(self) -> None:
        names = set(ALLOWED_MODULES)
        for allowed in ALLOWED_MODULES:
            importlib.import_module(allowed)
        names |= {m for m in sys.modules if m.partition(".")[0] in PACKAGES_WITH_SUBMODULES}
        self._contents: dict[str, dict[str, Any]] = {}
        self._stars: dict[str, list[str]] = {}
        self._exporters: dict[str, list[str]] = {}
        for name in sorted(names):
            module = sys.modules[name]
            contents = _exposed(name, module)
            self._contents[name] = contents
            # A star import brings in what it brings in under plain Python, no more.
            public = getattr(module, "__all__", None) or list(contents)
            self._stars[name] = [n for n in public if n in contents]
            self._exporters[name] = [attr for attr, value in contents.items() if id(value) in _EXPORTERS]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._contents)

    def views(self, replaced: dict[Any, Any]) -> Callable[[str], _ModuleView]:
        made: dict[str, _ModuleView] = {}
        catalog = self

        class View(_ModuleView):
            def __getattr__(self, name: str) -> Any:
                # Submodules are made on first use: a script that imports build123d uses few of its forty.
                if f"{self.__name__}.{name}" in catalog._contents:
                    return view(f"{self.__name__}.{name}")
                return super().__getattr__(name)

        def view(name: str) -> _ModuleView:
            if name not in made:
                module = made[name] = View(name)
                module.__dict__.update(self._contents[name])
                for attr in self._exporters[name]:
                    module.__dict__[attr] = replaced[self._contents[name][attr]]
                module.__all__ = list(self._stars[name])
            return made[name]

        return view


def script_module(catalog: ModuleCatalog, own_private: Collection[str], notes: JobNotes) -> types.ModuleType:
    """The module a script runs as; print goes to sys.stdout, which the job process points at its log."""
    view = catalog.views(_harmless_exporters(notes))

    def guarded_import(
        name: str, globals: object = None, locals: object = None, fromlist: Iterable[str] | None = (), level: int = 0
    ) -> _ModuleView:
        if level:
            raise ForbiddenError("relative imports are not allowed")
        if reason := module_refusal(name):
            raise ForbiddenError(reason)
        if name not in catalog.names:
            raise ForbiddenError(f"module '{name}' is not available in the sandbox")
        return view(name) if fromlist else view(name.partition(".")[0])

    safe = {name: getattr(builtins, name) for name in (*_SAFE_BUILTINS, *_EXCEPTIONS)}
    safe.update(_attribute_builtins(own_private))
    safe.update(__build_class__=builtins.__build_class__, __import__=guarded_import)
    module = types.ModuleType("__main__")
    module.__dict__.update(__builtins__=safe)
    return module
