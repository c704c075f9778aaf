"""Hostile scripts, run all at once against the real service while a normal render keeps going beside them."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import BOX, error_of, post_render

CANARY = Path("/tmp/chat3d-sandbox-canary")

# name -> (script, expected error type, words expected in the message or None)
HOSTILE = {
    "read /etc/passwd": ("print(open('/etc/passwd').read())", "forbidden", "open"),
    "read a file through build123d": (
        "from build123d import import_step\nimport_step('/etc/passwd')",
        "forbidden",
        "import_step",
    ),
    "read the environment": ("import os\nroot_part = os.environ", "forbidden", "'os'"),
    "reach os through typing": (
        "import typing\nenv = typing.sys.modules['os'].environ",
        "runtime",
        "no attribute 'sys'",
    ),
    "open a socket": ("import socket\nsocket.create_connection(('127.0.0.1', 80))", "forbidden", "'socket'"),
    "subprocess": ("import subprocess\nsubprocess.run(['id'])", "forbidden", "'subprocess'"),
    "os.system": (f"import os\nos.system('touch {CANARY}')", "forbidden", "'os'"),
    "ctypes": ("import ctypes\nctypes.CDLL(None).system(b'id')", "forbidden", "'ctypes'"),
    "ctypes through numpy": ("import numpy\nlib = numpy.ctypeslib", "forbidden", "ctypeslib"),
    "fork bomb": ("import os\nwhile True:\n    os.fork()", "forbidden", "'os'"),
    "fork bomb through multiprocessing": (
        "import multiprocessing\nmultiprocessing.Process(target=print).start()",
        "forbidden",
        None,
    ),
    "memory bomb at once": ("blob = bytearray(256 * 1024**3)", "memory", None),
    "memory bomb growing": ("hoard = []\nwhile True:\n    hoard.append(bytearray(50 * 1024**2))", "memory", None),
    "infinite loop": ("n = 0\nwhile True:\n    n += 1", "timeout", None),
    "deep recursion": ("def down(n):\n    return down(n + 1)\ndown(0)", "runtime", "RecursionError"),
    "huge output": (
        "from build123d import *\nroot_part = Sphere(10) + Pos(30, 0, 0) * Torus(10, 3)",
        "export",
        "output cap",
    ),
    "importlib": ("import importlib\nimportlib.import_module('os')", "forbidden", "'importlib'"),
    "__import__": ("os = __import__('os')", "forbidden", "__import__"),
    "__builtins__": ("opener = __builtins__['open']", "forbidden", "__builtins__"),
    "__subclasses__": ("classes = ().__class__.__bases__[0].__subclasses__()", "forbidden", "__subclasses__"),
    "type() then __subclasses__": ("classes = type(()).mro()[1].__subclasses__()", "forbidden", "__subclasses__"),
    "generator gi_frame": (
        "def gen():\n    yield 1\ng = gen()\nglobs = g.gi_frame.f_back.f_globals",
        "forbidden",
        "f_globals",
    ),
    "traceback tb_frame": (
        "try:\n    1 / 0\nexcept Exception as exc:\n    frame = exc.__traceback__.tb_frame",
        "forbidden",
        "tb_frame",
    ),
    "getattr with a built dunder": ("cls = getattr((), '__cl' + 'ass__')", "forbidden", "__class__"),
    "getattr reaching a frame": (
        "def gen():\n    yield 1\nframe = getattr(gen(), 'gi_' + 'frame')",
        "forbidden",
        "gi_frame",
    ),
    "str.format attribute lookup": ("leak = '{0.__class__.__init__.__globals__}'.format(1)", "forbidden", "format"),
    "format via getattr": ("fmt = getattr('{0.real.__class__}', 'for' + 'mat')\nleak = fmt(1)", "forbidden", "format"),
    "write outside the temp dir": (
        f"from build123d import *\nexport_stl(Box(1, 1, 1), '{CANARY}')",
        "forbidden",
        "export_stl",
    ),
    "write through numpy": (f"import numpy as np\nnp.zeros(3).tofile('{CANARY}')", "forbidden", "tofile"),
    "numpy save": (f"import numpy as np\nnp.save('{CANARY}', np.zeros(3))", "forbidden", "save"),
    "relative import": ("from . import secrets", "forbidden", "relative"),
    "eval": ("eval('1 + 1')", "forbidden", "eval"),
    "parser stack exhaustion": ("x = " + "-" * 19_000 + "1", "syntax", None),
    "nested data too deep to print": (
        "a = []\nfor _ in range(10**6):\n    a = [a]\ntext = repr(a)",
        "runtime",
        "RecursionError",
    ),
}


@pytest.fixture(scope="module")
def hostile_results(service):
    """Runs every hostile script concurrently (pool of 2, so they queue) while a box renders in a loop."""
    CANARY.unlink(missing_ok=True)
    normal: list[int] = []
    stop = threading.Event()

    def keep_rendering() -> None:
        with httpx.Client(base_url=service.url, timeout=120) as http:
            while not stop.is_set():
                normal.append(post_render(http, BOX, formats=["stl"]).status_code)
                time.sleep(0.2)

    def attack(script: str) -> httpx.Response:
        with httpx.Client(base_url=service.url, timeout=120) as http:
            return post_render(http, script, quality="fine")

    watcher = threading.Thread(target=keep_rendering)
    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=6) as attackers:
            results = dict(zip(HOSTILE, attackers.map(attack, (script for script, _, _ in HOSTILE.values()))))
    finally:
        stop.set()
        watcher.join()
    return results, normal


@pytest.mark.parametrize("name", list(HOSTILE))
def test_when_a_hostile_script_runs_then_it_is_refused_or_contained(hostile_results, name):
    results, _ = hostile_results
    _, kind, words = HOSTILE[name]
    error = error_of(results[name])
    assert error["type"] == kind, error
    if words:
        assert words in error["message"], error
    assert not CANARY.exists()


def test_when_hostile_scripts_run_then_normal_renders_keep_succeeding_during_and_after(hostile_results, render):
    _, normal = hostile_results
    assert normal and set(normal) == {200}
    assert render(BOX).status_code == 200


def test_when_a_script_edits_a_library_class_then_the_next_job_does_not_see_it(render):
    tamper = "import build123d as bd\nbd.Box.volume = 0\nroot_part = bd.Box(1, 1, 1)\n"
    render(tamper)
    # Each job gets a worker in turn; enough of them that both workers have served one after the edit.
    for _ in range(4):
        assert render(BOX, formats=["stl"]).json()["metrics"]["volume"] == pytest.approx(6000)


def test_when_a_script_edits_an_allowed_module_then_the_next_job_does_not_see_it(render):
    render("import math\nmath.pi = 3\nroot_part = None\n")
    for _ in range(4):
        code = "import math\nfrom build123d import *\nroot_part = Box(math.pi, 1, 1)\n"
        assert render(code, formats=["stl"]).json()["metrics"]["volume"] == pytest.approx(3.14159265, rel=1e-6)
