import pytest

from app.sandbox.policy import PolicyViolation, check_code

ACCEPTED = """\
from __future__ import annotations
import math
import numpy as np
from dataclasses import dataclass
from build123d import *
from collections.abc import Iterable

@dataclass
class Spec:
    width: float = 10.0

    def __post_init__(self) -> None:
        self.width = max(self.width, 1.0)

def label(x: float) -> str:
    return "{:.2f} mm".format(x) + f" ({x:.1f})"

with BuildPart() as part:
    Box(Spec().width, 20, 5)
    fillet(part.edges().filter_by(Axis.Z), radius=1)

for _ in range(2):
    np.linspace(0, math.pi, 3)

root_part = part.part
if __name__ == "__main__":
    pass
"""


def test_when_a_typical_script_is_checked_then_it_passes():
    check_code(ACCEPTED)


@pytest.mark.parametrize(
    ("code", "line", "words"),
    [
        ("import os", 1, "'os'"),
        ("x = 1\nimport os.path", 2, "'os.path'"),
        ("from subprocess import run", 1, "'subprocess'"),
        ("import numpy.ctypeslib", 1, "'numpy.ctypeslib'"),
        ("from . import x", 1, "relative"),
        ("x = 1\n\ny = x.__class__", 3, "__class__"),
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
        ("from build123d import export_step", 1, "export_step"),
        ("from build123d import *\nexport_stl(Box(1, 1, 1), 'x')", 2, "export_stl"),
        ("from build123d import *\nm = Mesher()", 2, "Mesher"),
        ("import numpy as np\nnp.zeros(1).tofile('x')", 2, "tofile"),
        ("import numpy as np\nnp.load('x')", 2, "load"),
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
