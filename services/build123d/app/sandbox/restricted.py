"""The namespace a script runs in: vetted builtins, a guarded importer and per-job views of the allowed modules."""

import builtins
import hashlib
import importlib
import types
from collections.abc import Callable, Iterable
from typing import Any

from app.sandbox.policy import ALLOWED_MODULES, attribute_refusal, module_refusal


class ForbiddenError(Exception):
    """A script reached, at run time, for something the sandbox refuses."""


# Public names that still reach past the sandbox (test runners, string-evaluating helpers) beyond the
# file readers and writers that attribute_refusal names.
_HIDDEN = {
    "numpy": {"DataSource", "get_include", "info", "show_config", "show_runtime", "test"},
    "typing": {"ForwardRef", "get_type_hints"},
}

_SUBMODULES = {"collections": ("abc",), "numpy": ("linalg", "random")}

_SAFE_BUILTINS = (
    "abs all any ascii bin bool bytearray bytes callable chr classmethod complex dict dir divmod enumerate "
    "filter float format frozenset hash hex id int isinstance issubclass iter len list map max memoryview min "
    "next object oct ord pow property range repr reversed round set slice sorted staticmethod str sum super "
    "tuple type zip Ellipsis NotImplemented"
).split()

_EXCEPTIONS = tuple(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException) and name not in ("SystemExit", "KeyboardInterrupt")
)


def _refuse_attribute(name: object) -> None:
    if not isinstance(name, str):
        raise TypeError("attribute name must be a string")
    # str.format resolves "{0.attr}" fields itself, so a bound format method is an attribute lookup in disguise.
    reason = attribute_refusal(name) or (
        "string formatting through getattr is not allowed" if name in ("format", "format_map") else None
    )
    if reason:
        raise ForbiddenError(reason)


def _getattr(obj: object, name: str, *default: object) -> Any:
    _refuse_attribute(name)
    return getattr(obj, name, *default)


def _hasattr(obj: object, name: str) -> bool:
    _refuse_attribute(name)
    return hasattr(obj, name)


def _setattr(obj: object, name: str, value: object) -> None:
    _refuse_attribute(name)
    setattr(obj, name, value)


def _delattr(obj: object, name: str) -> None:
    _refuse_attribute(name)
    delattr(obj, name)


def _print(*_args: object, **_kwargs: object) -> None:
    """Scripts have no console: output is dropped unread, so it costs nothing however large."""


class _ModuleView(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if reason := attribute_refusal(name):
            raise ForbiddenError(f"{self.__name__}.{name}: {reason}")
        raise AttributeError(f"module '{self.__name__}' has no attribute '{name}' in the sandbox")


def _exposed(name: str, module: types.ModuleType) -> dict[str, Any]:
    names: Iterable[str] = getattr(module, "__all__", None) or (n for n in dir(module) if not n.startswith("_"))
    hidden = _HIDDEN.get(name, set())
    exposed = {}
    for attr in names:
        if attr in hidden or attribute_refusal(attr):
            continue
        value = getattr(module, attr, None)
        if value is not None and not isinstance(value, types.ModuleType):
            exposed[attr] = value
    return exposed


class ModuleCatalog:
    """The allowed modules, imported once per worker; each job gets fresh views so no job can edit another's."""

    def __init__(self) -> None:
        self._contents = {name: _exposed(name, importlib.import_module(name)) for name in sorted(ALLOWED_MODULES)}

    def views(self) -> Callable[[str], _ModuleView]:
        made: dict[str, _ModuleView] = {}

        def view(name: str) -> _ModuleView:
            if name not in made:
                module = _ModuleView(name)
                module.__dict__.update(self._contents[name])
                module.__all__ = sorted(self._contents[name])
                for sub in _SUBMODULES.get(name, ()):
                    setattr(module, sub, view(f"{name}.{sub}"))
                made[name] = module
            return made[name]

        return view

    def classes(self) -> list[type]:
        """Every mutable class a script can reach through a view: what a job could tamper with for the next one."""
        seen: dict[int, type] = {}
        for contents in self._contents.values():
            for value in contents.values():
                if isinstance(value, type):
                    for cls in (*value.__mro__, *type(value).__mro__):
                        if not cls.__flags__ & (1 << 8):  # Py_TPFLAGS_IMMUTABLETYPE
                            seen.setdefault(id(cls), cls)
        return list(seen.values())


def fingerprint(classes: list[type]) -> str:
    """Identity of every attribute of the given classes (and of the objects they hold), to detect edits."""
    digest = hashlib.blake2b(digest_size=16)
    for cls in classes:
        for key, value in list(vars(cls).items()):
            digest.update(f"{id(cls)}.{key}={id(value)};".encode())
            inner = getattr(value, "__dict__", None)
            if isinstance(inner, dict):
                for ikey, ivalue in list(inner.items()):
                    digest.update(f"{ikey}={id(ivalue)};".encode())
    return digest.hexdigest()


def script_globals(catalog: ModuleCatalog) -> dict[str, Any]:
    view = catalog.views()

    def guarded_import(
        name: str, globals: object = None, locals: object = None, fromlist: Iterable[str] | None = (), level: int = 0
    ) -> _ModuleView:
        if level:
            raise ForbiddenError("relative imports are not allowed")
        if reason := module_refusal(name):
            raise ForbiddenError(reason)
        return view(name) if fromlist else view(name.partition(".")[0])

    safe = {name: getattr(builtins, name) for name in (*_SAFE_BUILTINS, *_EXCEPTIONS)}
    safe.update(
        __build_class__=builtins.__build_class__,
        __import__=guarded_import,
        delattr=_delattr,
        getattr=_getattr,
        hasattr=_hasattr,
        print=_print,
        setattr=_setattr,
    )
    return {"__builtins__": safe, "__name__": "__main__"}
