import pytest

from app.sandbox.restricted import ForbiddenError, ModuleCatalog, fingerprint, script_globals


@pytest.fixture(scope="module")
def catalog() -> ModuleCatalog:
    return ModuleCatalog()


def run(catalog: ModuleCatalog, code: str) -> dict:
    namespace = script_globals(catalog)
    exec(compile(code, "<script>", "exec"), namespace)
    return namespace


def test_when_allowed_modules_are_imported_then_their_public_api_is_there(catalog):
    namespace = run(
        catalog,
        "import numpy as np\nimport numpy.linalg\nfrom collections.abc import Iterable\nfrom build123d import *\nv = np.linalg.norm([3, 4])\nb = Box(1, 2, 3)\n",
    )
    assert namespace["v"] == 5
    assert namespace["b"].volume == pytest.approx(6)


def test_when_a_module_view_is_inspected_then_it_holds_no_module_and_no_file_io(catalog):
    namespace = run(catalog, "import typing, numpy, build123d\n")
    for view in (namespace["typing"], namespace["numpy"], namespace["build123d"]):
        assert not [
            name
            for name, value in vars(view).items()
            if type(value).__name__ == "module" and name not in ("linalg", "random")
        ]
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
        "getattr(1, '__class__')",
        "setattr(1, '_x', 1)",
        "hasattr(1, 'gi_frame')",
        "getattr('{0}', 'format')",
    ],
)
def test_when_the_runtime_checks_are_dodged_past_the_parser_then_forbidden(catalog, code):
    with pytest.raises(ForbiddenError):
        run(catalog, code)


def test_when_a_job_edits_a_module_view_then_the_next_job_gets_a_fresh_one(catalog):
    run(catalog, "import math\nmath.pi = 3\n")
    assert run(catalog, "import math\nx = math.pi\n")["x"] == pytest.approx(3.14159265)


def test_when_a_job_edits_a_library_class_then_the_fingerprint_changes(catalog):
    classes = catalog.classes()
    before = fingerprint(classes)
    namespace = run(catalog, "from build123d import Box\nBox.tampered = True\n")
    assert fingerprint(classes) != before
    del namespace["Box"].tampered
    assert fingerprint(classes) == before


def test_when_the_script_prints_then_nothing_is_kept(catalog, capsys):
    run(catalog, "for _ in range(1000):\n    print('x' * 100000)\n")
    assert capsys.readouterr().out == ""


def test_when_the_script_lacks_a_builtin_then_name_error(catalog):
    with pytest.raises(NameError):
        run(catalog, "open('/etc/passwd')")
