import pytest

from app.sandbox.policy import PolicyViolation, check_code

ACCEPTED = """\
from __future__ import annotations
import logging
import math
import numpy as np
from abc import ABC, ABCMeta, abstractmethod
from dataclasses import dataclass
from build123d import *
from build123d.topology import Shape
from collections.abc import Iterable

log = logging.getLogger(__name__)

@dataclass
class Spec:
    width: float = 10.0

    def __post_init__(self) -> None:
        self.width = max(self.width, 1.0)

class Peg(BasePartObject):
    _default_radius = 2.0

    def __init__(self, height: float, mode: Mode = Mode.ADD):
        self._height = height
        super().__init__(Cylinder(self._default_radius, height).solid(), mode=mode)

    def __repr__(self) -> str:
        return f"Peg({self._height})"

    def __add__(self, other):
        return super().__add__(other)

class Base(metaclass=ABCMeta):
    __slots__ = ("size",)

def label(x: float) -> str:
    return "{:.2f} mm".format(x) + f" ({x:.1f})"

with BuildPart() as part:
    Box(Spec().width, 20, 5)
    fillet(part.edges().filter_by(Axis.Z), radius=1)
    Peg(4)

peg = Peg(2)
log.info("peg %s is %s tall", peg, peg._height)
export_stl(part.part, "part.stl")
root_part = part.part
if __name__ == "__main__":
    pass
"""


def test_when_an_idiomatic_script_is_checked_then_it_passes_and_its_private_names_are_known():
    _, own_private = check_code(ACCEPTED)
    assert own_private == {"_default_radius", "_height"}


def test_when_a_custom_object_names_its_builder_then_build123ds_extension_names_pass():
    code = "from build123d import *\nclass Peg(BasePartObject):\n    _applies_to = [BuildPart._tag]\n"
    check_code(code + "context = BuildPart._get_context()\n")


@pytest.mark.parametrize(
    ("code", "line", "words"),
    [
        ("import os", 1, "'os'"),
        ("x = 1\nimport os.path", 2, "'os.path'"),
        ("from subprocess import run", 1, "'subprocess'"),
        ("import importlib", 1, "'importlib'"),
        ("import sys", 1, "'sys'"),
        ("import gc", 1, "'gc'"),
        ("import inspect", 1, "'inspect'"),
        ("import ctypes", 1, "'ctypes'"),
        ("import numpy.ctypeslib", 1, "'numpy.ctypeslib'"),
        ("from . import x", 1, "relative"),
        ("x = 1\n\ny = x.__class__", 3, "__class__"),
        ("y = ().__class__.__bases__", 1, "__bases__"),
        ("y = int.__mro__", 1, "__mro__"),
        ("y = object.__subclasses__()", 1, "__subclasses__"),
        ("def f():\n    pass\ng = f.__globals__", 3, "__globals__"),
        ("def f():\n    pass\ng = f.__code__", 3, "__code__"),
        ("y = len.__self__", 1, "__self__"),
        ("y = object.__getattribute__(1, 'real')", 1, "__getattribute__"),
        ("y = property.__get__", 1, "__get__"),
        ("y = (1).real._private", 1, "_private"),
        ("__builtins__", 1, "__builtins__"),
        ("__import__('os')", 1, "__import__"),
        ("open('/etc/passwd')", 1, "open"),
        ("eval('1')", 1, "eval"),
        ("exec('1')", 1, "exec"),
        ("compile('1', 'f', 'exec')", 1, "compile"),
        ("globals()", 1, "globals"),
        ("vars()", 1, "vars"),
        ("breakpoint()", 1, "breakpoint"),
        ("def g():\n    yield\ng().gi_frame", 3, "gi_frame"),
        ("def f():\n    pass\nf.f_globals", 3, "f_globals"),
        ("t = None\nt.tb_frame", 2, "tb_frame"),
        ("x = '{0.__class__}'.format(1)", 1, "format"),
        ("x = '{0[a]}'.format({})", 1, "format"),
        ("s = '{}'\nx = s.format(1)", 2, "string literal"),
        ("class M(type):\n    pass\nclass X(metaclass=M):\n    pass", 3, "metaclass"),
        ("from build123d import import_step", 1, "import_step"),
        ("from build123d import *\np = Path('/etc/passwd')", 2, "Path"),
        ("import numpy as np\nnp.zeros(1).tofile('x')", 2, "tofile"),
        ("import numpy as np\nnp.load('x')", 2, "load"),
        # Escapes hidden in an __init__ or a method are found like any other.
        ("class A:\n    def __init__(self):\n        self.b = ().__class__.__base__", 3, "__base__"),
        ("class A:\n    def m(self):\n        return self.m.__func__.__globals__", 3, "__globals__"),
        ("class A:\n    def m(self):\n        g = (x for x in [])\n        return g.gi_frame", 4, "gi_frame"),
        ("class A:\n    def __init__(self):\n        import sys", 3, "'sys'"),
    ],
)
def test_when_a_script_reaches_for_something_forbidden_then_its_line_is_named(code, line, words):
    with pytest.raises(PolicyViolation) as refused:
        check_code(code)
    assert refused.value.line == line
    assert words in refused.value.message


def test_when_the_script_is_not_python_then_syntax_error():
    with pytest.raises(SyntaxError):
        check_code("def (:\n")
