import sys

import pytest

from app.sandbox.restricted import ForbiddenError, JobNotes, ModuleCatalog, script_module


@pytest.fixture(scope="module")
def catalog() -> ModuleCatalog:
    return ModuleCatalog()


def run(catalog: ModuleCatalog, code: str, notes: JobNotes | None = None) -> dict:
    """Executes without the static check, as code that got past it would run."""
    module = script_module(catalog, frozenset(), notes or JobNotes())
    exec(compile(code, "<script>", "exec"), module.__dict__)
    return module.__dict__


def test_when_allowed_modules_are_imported_then_their_public_api_is_there(catalog):
    namespace = run(
        catalog,
        "import numpy as np\nimport numpy.linalg\nfrom collections.abc import Iterable\nfrom build123d import *\n"
        "from build123d import Shape\nimport build123d.topology as topology\nfrom OCP.gp import gp_Pnt\n"
        "v = np.linalg.norm([3, 4])\nb = Box(1, 2, 3)\nok = isinstance(b, Shape) and topology.Solid is Solid\n",
    )
    assert namespace["v"] == 5 and namespace["ok"]
    assert namespace["b"].volume == pytest.approx(6)


def test_when_build123d_is_star_imported_then_only_its_own_star_names_come_in(catalog):
    namespace = run(catalog, "import copy\nfrom build123d import *\n")
    assert namespace["copy"].__name__ == "copy" and "Box" in namespace and "Shape" not in namespace


def test_when_a_module_view_is_inspected_then_it_holds_no_foreign_module_and_no_file_reader(catalog):
    namespace = run(catalog, "import typing, numpy, build123d\n")
    for view in (namespace["typing"], namespace["numpy"]):
        assert not [name for name, value in vars(view).items() if type(value).__name__ == "module" and name not in ("linalg", "random")]
    assert not hasattr(namespace["typing"], "sys")
    assert not hasattr(namespace["typing"], "get_type_hints")
    with pytest.raises(ForbiddenError):
        namespace["numpy"].fromfile  # noqa: B018
    with pytest.raises(ForbiddenError):
        namespace["build123d"].import_step  # noqa: B018


@pytest.mark.parametrize(
    "code",
    [
        "import os",
        "__import__('subprocess')",
        "from numpy import ctypeslib",
        "import OCP.NotAModule",
        "getattr(1, '__class__')",
        "setattr(1, '_x', 1)",
        "hasattr(1, 'gi_frame')",
        "getattr('{0}', 'format')",
        "from build123d import *\nMesher().read('x.3mf')",
    ],
)
def test_when_the_runtime_checks_are_dodged_past_the_parser_then_forbidden(catalog, code):
    with pytest.raises(ForbiddenError):
        run(catalog, code)


def test_when_a_job_edits_a_module_view_then_the_next_view_is_fresh(catalog):
    run(catalog, "import math\nmath.pi = 3\n")
    assert run(catalog, "import math\nx = math.pi\n")["x"] == pytest.approx(3.14159265)


def test_when_the_script_calls_an_exporter_then_nothing_is_written_and_a_warning_says_so(catalog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    notes = JobNotes()
    run(
        catalog,
        "from build123d import *\nb = Box(1, 1, 1)\nassert export_stl(b, 'b.stl')\nexport_step(b, 'b.step')\n"
        "svg = ExportSVG()\nsvg.add_layer('a')\nsvg.add_shape(Rectangle(1, 1).edges(), layer='a')\nsvg.write('b.svg')\n"
        "m = Mesher()\nm.add_shape(b)\nm.write('b.3mf')\n",
        notes,
    )
    assert list(tmp_path.iterdir()) == []
    assert [w.split(" ")[0] for w in notes.warnings] == ["export_stl()", "export_step()", "ExportSVG.write()", "Mesher.write()"]


def test_when_the_script_prints_then_the_log_keeps_it_up_to_the_cap(catalog, monkeypatch):
    notes = JobNotes()
    monkeypatch.setattr(sys, "stdout", notes.log)
    run(catalog, "print('hello', 42)\nfor _ in range(1000):\n    print('x' * 1000)\n", notes)
    text = notes.log.text()
    assert text.startswith("hello 42\n") and "more characters dropped" in text and len(text) < 70_000


def test_when_the_script_lacks_a_builtin_then_name_error(catalog):
    with pytest.raises(NameError):
        run(catalog, "open('/etc/passwd')")
