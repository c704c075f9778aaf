"""Hostile scripts, run all at once against the real service while a normal render keeps going beside them.

Two kinds: scripts the Python-level filter refuses or the limits stop (each with the error it must end in),
and escapes that get past the filter through the standard library and run unchecked code, which must then
find nothing: no file outside the job's directory, no environment, no process, no network, no state of
another job."""

import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from app.sandbox.protocol import SCRATCH_PREFIX
from devtools.service import SERVICE_DIR
from tests.conftest import BOX, JOB_ENVIRONMENT, SECRET, error_of, ok, post_render

CANARY = Path("/tmp/chat3d-sandbox-canary")

# logging's file handler is the one writer a script may use; it reports a failed write and goes on.
FILL_DISK = (
    "import logging\nchunk = 'x' * (1 << 20)\nfor i in range(12):\n    handler = logging.FileHandler(f'part-{i}.log')\n"
    "    handler.emit(logging.makeLogRecord({'msg': chunk}))\n    handler.close()\n"
)

# name -> (script, expected error type or "ok", words expected in the message or None)
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
    "sys.modules": ("import sys\nsys.modules['json'].marker = 1", "forbidden", "'sys'"),
    "gc": ("import gc\nobjects = gc.get_objects()", "forbidden", "'gc'"),
    "inspect": ("import inspect\nframe = inspect.currentframe()", "forbidden", "'inspect'"),
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
    # 12 files of 1 MiB each, under the 2 MiB a file may have, past the 8 MiB a job may write in all.
    "fill the disk with many files": (FILL_DISK, "disk", "8 MiB in all"),
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
    "__getattribute__": ("cls = object.__getattribute__((), '__class__')", "forbidden", "__getattribute__"),
    "descriptor": ("getter = type.__dict__['__subclasses__']", "forbidden", "__dict__"),
    "metaclass": (
        "class Meta(type):\n    pass\nclass Sneaky(metaclass=Meta):\n    pass",
        "forbidden",
        "metaclass",
    ),
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
    "exporter aimed outside the job dir": (
        f"from build123d import *\nroot_part = Box(1, 1, 1)\nexport_stl(root_part, '{CANARY}')",
        "ok",
        "export_stl() was skipped",
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
    # The same escapes, hidden in an __init__ or a method: the filter reads every line, run or not.
    "__subclasses__ in __init__": (
        "class Part:\n    def __init__(self):\n        self.all = ().__class__.__base__.__subclasses__()\nPart()",
        "forbidden",
        "__subclasses__",
    ),
    "__globals__ in a method": (
        "class Part:\n    def leak(self):\n        return self.leak.__func__.__globals__\nPart().leak()",
        "forbidden",
        "__globals__",
    ),
    "__builtins__ in a method": (
        "class Part:\n    def leak(self):\n        return __builtins__\nPart().leak()",
        "forbidden",
        "__builtins__",
    ),
    "__code__ in __init__": (
        "class Part:\n    def __init__(self):\n        self.code = Part.__init__.__code__\nPart()",
        "forbidden",
        "__code__",
    ),
    "generator frame in a method": (
        "class Part:\n    def leak(self):\n        g = (i for i in [1])\n        return g.gi_frame\nPart().leak()",
        "forbidden",
        "gi_frame",
    ),
    "getattr dunder in __init__": (
        "class Part:\n    def __init__(self):\n        self.cls = getattr(self, '__cl' + 'ass__')\nPart()",
        "forbidden",
        "__class__",
    ),
    "__getattribute__ in a method": (
        "class Part:\n    def leak(self):\n        return object.__getattribute__(self, '__class__')\nPart().leak()",
        "forbidden",
        "__getattribute__",
    ),
    "import in __init__": (
        "class Part:\n    def __init__(self):\n        import importlib\nPart()",
        "forbidden",
        "'importlib'",
    ),
}

# Real builtins, reached from unchecked code: os._wrap_close is a class defined in Python in the os module.
_REAL_BUILTINS = (
    "[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0]"
    ".__init__.__globals__['__builtins__']"
)

# What escaped code tries once it runs unchecked with the real builtins; it reports through the job's log.
PROBE = f"""
import builtins, json, os, socket, sys
results = {{}}
def attempt(name, action):
    try:
        results[name] = repr(action())[:400]
    except BaseException as exc:
        results[name] = "refused: " + type(exc).__name__
def fork():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    return pid
attempt("passwd", lambda: open("/etc/passwd").read())
attempt("environ file", lambda: open("/proc/self/environ", "rb").read())
attempt("service code", lambda: open({str(SERVICE_DIR)!r} + "/app/main.py").read())
attempt("service dir", lambda: os.listdir({str(SERVICE_DIR)!r}))
attempt("write outside", lambda: open({str(CANARY)!r}, "w").write("x"))
attempt("fork", fork)
attempt("exec", lambda: os.execv("/bin/true", ["true"]))
attempt("connect", lambda: socket.create_connection(("127.0.0.1", 22), 1))
attempt("marker seen", lambda: getattr(sys.modules["json"], "chat3d_marker", None))
results["environ"] = dict(os.environ)
sys.modules["json"].chat3d_marker = "planted"
builtins.chat3d_marker = "planted"
sys.modules["build123d"].Box.volume = property(lambda self: -1.0)
print("PROBE " + json.dumps(results))
"""

ESCAPE = f"{_REAL_BUILTINS}['exec']({PROBE!r}, {{'__builtins__': {_REAL_BUILTINS}}})"
_REAL_BUILTINS_BY_ATTRGETTER = (
    "[c for c in operator.attrgetter('__class__.__base__.__subclasses__')(())() if 'wrap_close' in str(c)][0]"
)

# route -> a script that gets past the static check and runs ESCAPE (or reads what it can) unchecked.
ESCAPES = {
    "singledispatch evaluates an annotation string": (
        "import functools\n"
        f"def probe(x: {ESCAPE!r}):\n    pass\n"
        "try:\n    functools.singledispatch(len).register(probe)\nexcept Exception:\n    pass\n"
    ),
    "ForwardRef._evaluate, named as the script's own private method": (
        "import typing\nclass Own:\n    def _evaluate(self):\n        pass\n"
        f"ref = typing.get_args(typing.List[{ESCAPE!r}])[0]\n"
        "try:\n    ref._evaluate(None, None, frozenset())\nexcept Exception:\n    pass\n"
    ),
    "operator.attrgetter walks dunders by string": (
        "import operator\n"
        f"wrap = {_REAL_BUILTINS_BY_ATTRGETTER}\n"
        "real = operator.attrgetter('__init__.__globals__')(wrap)['__builtins__']\n"
        f"real['exec']({PROBE!r}, {{'__builtins__': real}})\n"
    ),
    "operator.methodcaller calls a dunder by string": (
        "import operator\n"
        "subclasses = operator.methodcaller('__subclasses__')(object)\n"
        "wrap = [c for c in subclasses if 'wrap_close' in str(c)][0]\n"
        "real = operator.attrgetter('__init__.__globals__')(wrap)['__builtins__']\n"
        f"real['exec']({PROBE!r}, {{'__builtins__': real}})\n"
    ),
    "string.Formatter.get_field walks dunders by string": (
        "import string\nf = string.Formatter()\n"
        "subclasses = f.get_field('0.__class__.__base__.__subclasses__', [()], {})[0]()\n"
        "wrap = [c for c in subclasses if 'wrap_close' in str(c)][0]\n"
        "real = f.get_field('0.__init__.__globals__', [wrap], {})[0]['__builtins__']\n"
        f"real['exec']({PROBE!r}, {{'__builtins__': real}})\n"
    ),
}
# Routes that can only read: a logging format string walks from a library class to os.environ, and
# warnings.formatwarning has linecache read any file it is given.
READERS = {
    "logging's {-style format reads os.environ": (
        "import logging\nhandler = logging.StreamHandler()\n"
        "handler.setFormatter(logging.Formatter('PROBE-ENV {msg.__init__.__globals__[os].environ}', style='{'))\n"
        "logger = logging.getLogger('probe')\nlogger.addHandler(handler)\nlogger.warning(logging.Logger)\n"
    ),
    "warnings.formatwarning reads files through linecache": (
        "import warnings\n"
        "print('PROBE-FILE', repr(warnings.formatwarning('m', UserWarning, '/etc/passwd', 1)))\n"
        f"print('PROBE-FILE', repr(warnings.formatwarning('m', UserWarning, {str(SERVICE_DIR / 'app/main.py')!r}, 1)))\n"
    ),
}
ROOT = "from build123d import *\nroot_part = Box(1, 1, 1)\n"
# Whether any state planted by an earlier job is still there, asked through the same escape.
CHECK = (
    "import operator\n"
    f"wrap = {_REAL_BUILTINS_BY_ATTRGETTER}\n"
    "real = operator.attrgetter('__init__.__globals__')(wrap)['__builtins__']\n"
    "real['exec']('import builtins, sys\\nprint(\"CHECK\", getattr(sys.modules[\"json\"], \"chat3d_marker\", None), "
    "getattr(builtins, \"chat3d_marker\", None))', {'__builtins__': real})\n"
    + ROOT
)


def log_of(response: httpx.Response) -> str:
    body = response.json()
    return body["log"] if response.status_code == 200 else body["error"].get("log") or ""


@pytest.fixture(scope="module")
def hostile_results(service):
    """Every hostile script and escape at once (they queue for the four slots) while a box renders in a loop."""
    CANARY.unlink(missing_ok=True)
    normal: list[int] = []
    stop = threading.Event()

    def keep_rendering() -> None:
        with httpx.Client(base_url=service.url, timeout=120) as http:
            while not stop.is_set():
                normal.append(post_render(http, BOX, formats=["stl"], caller="bystander").status_code)
                time.sleep(0.2)

    scripts = {name: script for name, (script, _, _) in HOSTILE.items()}
    scripts |= {name: script + ROOT for name, script in (ESCAPES | READERS).items()}

    def attack(item: tuple[str, str]) -> httpx.Response:
        with httpx.Client(base_url=service.url, timeout=120) as http:
            return post_render(http, item[1], quality="fine", caller=f"attacker {item[0]}")

    watcher = threading.Thread(target=keep_rendering)
    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=6) as attackers:
            results = dict(zip(scripts, attackers.map(attack, scripts.items())))
    finally:
        stop.set()
        watcher.join()
    return results, normal


@pytest.mark.parametrize("name", list(HOSTILE))
def test_when_a_hostile_script_runs_then_it_is_refused_or_contained(hostile_results, name):
    results, _ = hostile_results
    _, kind, words = HOSTILE[name]
    if kind == "ok":
        body = ok(results[name])
        message = " ".join(body["warnings"])
    else:
        error = error_of(results[name])
        assert error["type"] == kind, error
        message = error["message"]
    if words:
        assert words in message
    assert not CANARY.exists()


@pytest.mark.parametrize("route", list(ESCAPES))
def test_when_unchecked_code_runs_through_the_standard_library_then_it_reaches_nothing(hostile_results, route):
    results, _ = hostile_results
    response = results[route]
    assert response.status_code == 200, response.text[:2000]
    (line,) = [line for line in log_of(response).splitlines() if line.startswith("PROBE ")]
    found = json.loads(line.removeprefix("PROBE "))
    for attempt in ("passwd", "environ file", "service code", "service dir", "write outside"):
        assert found[attempt] == "refused: PermissionError", (attempt, found[attempt])
    for attempt in ("fork", "exec", "connect"):
        assert found[attempt].startswith("refused: "), (attempt, found[attempt])
    assert found["marker seen"] == "None"  # no earlier job's plant
    assert SECRET not in json.dumps(found["environ"])
    assert set(found["environ"]) <= JOB_ENVIRONMENT
    # What it planted in its own process changed only its own result.
    assert response.json()["metrics"]["volume"] == pytest.approx(-1.0)
    assert not CANARY.exists()


def test_when_logging_formats_walk_to_the_environment_then_there_is_no_secret(hostile_results):
    results, _ = hostile_results
    text = log_of(results["logging's {-style format reads os.environ"])
    assert "PROBE-ENV environ(" in text and "PATH" in text
    assert SECRET not in text


def test_when_linecache_is_pointed_at_files_then_it_reads_nothing(hostile_results):
    results, _ = hostile_results
    lines = [line for line in log_of(results["warnings.formatwarning reads files through linecache"]).splitlines()]
    probes = [line for line in lines if line.startswith("PROBE-FILE")]
    assert len(probes) == 2
    assert not any("root:" in line or "import" in line for line in probes)


def test_when_hostile_scripts_run_then_normal_renders_keep_succeeding_during_and_after(hostile_results, render):
    _, normal = hostile_results
    assert normal and set(normal) == {200}
    assert render(BOX).status_code == 200


def test_when_a_job_planted_state_then_the_next_jobs_on_the_pool_see_none_of_it(hostile_results, render):
    # Every escape above set a marker on sys.modules['json'] and builtins and replaced Box.volume.
    for _ in range(4):
        body = ok(render(CHECK, formats=["stl"]))
        assert "CHECK None None" in body["log"]
        assert body["metrics"]["volume"] == pytest.approx(1.0)


def test_when_a_script_edits_a_library_class_or_module_then_the_next_job_does_not_see_it(render):
    render("import build123d as bd\nbd.Box.volume = 0\nroot_part = bd.Box(1, 1, 1)\n")
    render("import math\nmath.pi = 3\nroot_part = None\n")
    for _ in range(4):
        code = "import math\nfrom build123d import *\nroot_part = Box(math.pi, 1, 1)\n"
        assert ok(render(code, formats=["stl"]))["metrics"]["volume"] == pytest.approx(3.14159265, rel=1e-6)


def test_when_a_job_fills_its_disk_then_the_files_live_in_its_own_capped_tmpfs_and_none_on_the_host(service):
    """While a job that filled its disk still runs: from the host, its working directory is a full 8 MiB
    filesystem of its own, and the directory beneath it on the service's disk holds nothing."""
    with ThreadPoolExecutor(max_workers=1) as pool, httpx.Client(base_url=service.url, timeout=60) as http:
        filling = pool.submit(post_render, http, FILL_DISK + "while True:\n    pass\n", caller="disk filler")

        def full_disk() -> int | None:
            for pid in service.jobs():
                try:
                    if os.statvfs(f"/proc/{pid}/cwd").f_bavail == 0:
                        return pid
                except OSError:
                    continue
            return None

        deadline = time.monotonic() + 30
        while (pid := full_disk()) is None and not filling.done() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert pid is not None, "no job with a full disk was seen"
        disk = os.statvfs(f"/proc/{pid}/cwd")
        assert disk.f_blocks * disk.f_frsize == 8 << 20
        beneath = service.tmpdir / f"{SCRATCH_PREFIX}{service.zygote()}" / f"job-{pid}"
        assert beneath.is_dir() and list(beneath.iterdir()) == []
        assert error_of(filling.result())["type"] == "timeout"
