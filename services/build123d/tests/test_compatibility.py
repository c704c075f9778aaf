"""The compatibility rule: a script that runs under plain Python with build123d, touching no file, process,
network or interpreter internals, renders in the service with the same geometry.

Each case runs once in a plain Python process (the same interpreter and build123d, no sandbox, in a scratch
directory) and once through the service; volume (solids) or area (2D), and the solid count, must agree."""

import json
import subprocess
import sys
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from devtools.service import SERVICE_DIR
from tests.conftest import post_render

CASES = {
    # The cases the issue names.
    "custom part object": """
        from build123d import *

        class Peg(BasePartObject):
            def __init__(self, radius: float, height: float, rotation=(0, 0, 0), align=None, mode=Mode.ADD):
                with BuildPart() as peg:
                    Cylinder(radius, height)
                    chamfer(peg.edges().group_by(Axis.Z)[-1], radius / 4)
                super().__init__(part=peg.part, rotation=rotation, align=align, mode=mode)

        with BuildPart() as board:
            Box(40, 20, 5)
            with Locations((0, 0, 5)):
                with GridLocations(10, 0, 3, 1):
                    Peg(2, 6)
        root_part = board.part
    """,
    "custom part with joints, copies and typing annotations (as in build123d's stud_wall)": """
        import copy
        from typing import Optional, Union
        from build123d import *

        class Picket(BasePartObject):
            '''A fence picket with a joint at each end.'''

            _applies_to = [BuildPart._tag]

            def __init__(
                self,
                height: float = 60,
                width: float = 8,
                thickness: float = 2,
                rotation: RotationLike = (0, 0, 0),
                align: Union[None, Align, tuple[Align, Align, Align]] = (Align.CENTER, Align.CENTER, Align.MIN),
                mode: Mode = Mode.ADD,
            ):
                self.picket_height = height
                with BuildPart() as picket:
                    with BuildSketch():
                        RectangleRounded(width, thickness, thickness / 4)
                    extrude(amount=height)
                super().__init__(part=picket.part, rotation=rotation, align=align, mode=mode)
                RigidJoint("bottom", self, Location())
                RigidJoint("top", self, Location((0, 0, height), (1, 0, 0), 180))

        class Fence(Compound):
            '''Pickets on a rail, each a copy placed by its joint.'''

            def __init__(self, length: float, spacing: float = 15, label: Optional[str] = None):
                rail = Picket(length, 6, 3, rotation=(0, 90, 0), align=(Align.MIN, Align.CENTER, Align.MAX))
                picket = Picket()
                pickets = []
                for i, loc in enumerate(GridLocations(spacing, 0, int(length / spacing), 1, align=Align.MIN)):
                    RigidJoint(f"slot{i}", rail, Pos(spacing / 2, 0, 0) * loc)
                    placed = copy.copy(picket)
                    rail.joints[f"slot{i}"].connect_to(placed.joints["bottom"])
                    pickets.append(placed)
                super().__init__(children=[rail] + pickets, label=label or "fence")

        root_part = Fence(75)
    """,
    "custom sketch object": """
        from build123d import *

        class RoundedSlot(BaseSketchObject):
            def __init__(self, length, width, rotation=0, mode=Mode.ADD):
                with BuildSketch() as slot:
                    SlotCenterToCenter(length, width)
                super().__init__(obj=slot.sketch, rotation=rotation, mode=mode)

        with BuildPart() as part:
            Box(30, 30, 4)
            with BuildSketch(part.faces().sort_by(Axis.Z)[-1]):
                RoundedSlot(12, 4, rotation=45)
            extrude(amount=-4, mode=Mode.SUBTRACT)
        root_part = part.part
    """,
    "logging and the script's own private attributes": """
        import logging
        from build123d import *

        logging.basicConfig(level=logging.INFO)
        log = logging.getLogger("bracket")

        class Bracket:
            def __init__(self, width):
                self._width = width
                self.__thickness = 3

            def _profile(self):
                return Rectangle(self._width, self.__thickness)

            def build(self):
                log.info("building a %s mm bracket", self._width)
                return extrude(self._profile(), 10)

        bracket = Bracket(25)
        root_part = bracket.build()
        log.info("volume %.1f", root_part.volume)
    """,
    "any public build123d name": """
        from build123d import Shape, ShapeList, Solid, Box, Pos
        from build123d.topology import Compound

        parts = ShapeList([Box(2, 2, 2), Pos(5, 0, 0) * Box(1, 1, 1)])
        assert all(isinstance(p, Shape) for p in parts)
        root_part = Compound(parts)
        assert isinstance(root_part.solids()[0], Solid)
    """,
    "a raw OCP shape as the result": """
        from build123d import *
        with BuildPart() as part:
            Box(10, 10, 10)
            Cylinder(3, 10, mode=Mode.SUBTRACT)
        root_part = part.part.wrapped
    """,
    "exporters called by the script": """
        from build123d import *
        part = Box(10, 10, 10) - Sphere(6)
        export_stl(part, "part.stl")
        export_step(part, "part.step")
        export_gltf(part, "part.glb", binary=True)
        svg = ExportSVG()
        svg.add_layer("outline")
        svg.add_shape(part.faces().sort_by(Axis.Z)[-1], layer="outline")
        svg.write("part.svg")
        mesher = Mesher()
        mesher.add_shape(part)
        mesher.write("part.3mf")
        root_part = part
    """,
    "a sketch result (a plate outline)": """
        from build123d import *
        with BuildSketch() as plate:
            RectangleRounded(80, 50, 6)
            with GridLocations(60, 30, 2, 2):
                Circle(3, mode=Mode.SUBTRACT)
        root_part = plate.sketch
    """,
    "a face on another plane": """
        from build123d import *
        root_part = Plane.XZ * Face(Wire.make_polygon([(0, 0), (20, 0), (10, 15)]))
    """,
    "a wire result (a path)": """
        from build123d import *
        with BuildLine() as path:
            l1 = Line((0, 0), (30, 0))
            l2 = Line(l1 @ 1, (30, 20))
            fillet(path.vertices().group_by(Axis.X)[-1], radius=5)
        root_part = path.line
    """,
    "a curve result": """
        from build123d import *
        root_part = Helix(pitch=5, height=20, radius=8)
    """,
    "text": """
        from build123d import *
        with BuildSketch() as label:
            Text("Chat3D 42", font_size=10)
        root_part = label.sketch
    """,
    "text cut into a part": """
        from build123d import *
        with BuildPart() as plate:
            Box(60, 20, 4)
            with BuildSketch(plate.faces().sort_by(Axis.Z)[-1]):
                Text("OK", font_size=8)
            extrude(amount=-1, mode=Mode.SUBTRACT)
        root_part = plate.part
    """,
    # Found beyond the list.
    "dataclass with a default factory and __post_init__": """
        from dataclasses import dataclass, field
        from build123d import *

        @dataclass
        class Spec:
            width: float = 20
            holes: list = field(default_factory=lambda: [(5, 5), (-5, -5)])

            def __post_init__(self):
                self.width = max(self.width, 10)

        spec = Spec()
        with BuildPart() as part:
            Box(spec.width, spec.width, 5)
            with Locations(*spec.holes):
                Hole(1.5)
        root_part = part.part
    """,
    "abstract base class and operator dunders": """
        from abc import ABC, abstractmethod
        from build123d import *

        class Feature(ABC):
            @abstractmethod
            def shape(self): ...

            def __add__(self, other):
                return Combined(self, other)

        class Block(Feature):
            def __init__(self, size):
                self.size = size
            def shape(self):
                return Box(self.size, self.size, self.size)
            def __repr__(self):
                return f"Block({self.size})"

        class Combined(Feature):
            def __init__(self, a, b):
                self.a, self.b = a, b
            def shape(self):
                return self.a.shape() + Pos(self.a.size, 0, 0) * self.b.shape()

        root_part = (Block(4) + Block(2)).shape()
    """,
    "OCP called directly": """
        from OCP.BRepPrimAPI import BRepPrimAPI_MakeBox
        from OCP.gp import gp_Pnt
        from build123d import Solid, Pos

        box = Solid(BRepPrimAPI_MakeBox(gp_Pnt(0, 0, 0), 10, 5, 2).Shape())
        root_part = box + Pos(20, 0, 0) * box
    """,
    "enum, contextmanager, warnings and time": """
        import contextlib
        import enum
        import time
        import warnings
        from build123d import *

        class Size(enum.Enum):
            SMALL = 2
            LARGE = 5

        @contextlib.contextmanager
        def timed(label):
            started = time.perf_counter()
            yield
            print(label, round(time.perf_counter() - started, 3) >= 0)

        with timed("build"):
            warnings.warn("draft geometry")
            root_part = Box(Size.LARGE.value, Size.SMALL.value, 1)
    """,
    "a list of parts as the result": """
        from build123d import *
        root_part = [Box(1, 1, 1), Pos(3, 0, 0) * Sphere(1)]
    """,
}

# In the plain process the result is read the way the service reads it.
PLAIN_RUNNER = textwrap.dedent(
    """
    import json, os, sys, tempfile
    import build123d as bd
    from OCP.TopoDS import TopoDS_Shape
    cases = json.loads(sys.stdin.read())
    results = {}
    for name, code in cases.items():
        os.chdir(tempfile.mkdtemp())
        namespace = {"__name__": "__main__"}
        exec(compile(code, "<script>", "exec"), namespace)
        value = namespace["root_part"]
        for builder, attribute in ((bd.BuildPart, "part"), (bd.BuildSketch, "sketch"), (bd.BuildLine, "line")):
            if isinstance(value, builder):
                value = getattr(value, attribute)
        if isinstance(value, TopoDS_Shape):
            value = bd.Shape.cast(value)
        if isinstance(value, list):
            value = bd.Compound(value)
        solids = len(value.solids())
        results[name] = {
            "solids": solids,
            "volume": value.volume if solids else None,
            "area": sum(f.area for f in value.faces()),
            "length": sum(e.length for e in value.edges()),
        }
    print(json.dumps(results))
    """
)


@pytest.fixture(scope="module")
def plain() -> dict[str, dict]:
    sources = {name: textwrap.dedent(code) for name, code in CASES.items()}
    done = subprocess.run(
        [sys.executable, "-c", PLAIN_RUNNER],
        check=False,
        input=json.dumps(sources),
        cwd=tempfile.gettempdir(),
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(SERVICE_DIR), "OPENBLAS_NUM_THREADS": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def served(service) -> dict[str, httpx.Response]:
    def call(case: tuple[str, str]) -> httpx.Response:
        with httpx.Client(base_url=service.url, timeout=120) as http:
            return post_render(http, textwrap.dedent(case[1]), caller=case[0])

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(CASES, pool.map(call, CASES.items())))


@pytest.mark.parametrize("name", list(CASES))
def test_when_a_plain_python_script_is_rendered_then_its_geometry_matches_plain_python(plain, served, name):
    response = served[name]
    assert response.status_code == 200, response.text[:3000]
    body = response.json()
    expected = plain[name]
    metrics = body["metrics"]
    assert metrics["solids"] == expected["solids"]
    if expected["solids"]:
        assert body["kind"] == "solid"
        assert metrics["volume"] == pytest.approx(expected["volume"], rel=1e-6)
        assert metrics["surface_area"] == pytest.approx(expected["area"], rel=1e-6)
    else:
        assert body["kind"] == "2d"
        assert metrics["area"] == pytest.approx(expected["area"], rel=1e-6, abs=1e-9)
        assert metrics["perimeter"] == pytest.approx(expected["length"], rel=1e-6)


def test_when_a_script_logs_then_the_log_comes_back_with_the_result(served):
    log = served["logging and the script's own private attributes"].json()["log"]
    assert "INFO:bracket:building a 25 mm bracket" in log and "volume 750.0" in log
    assert "draft geometry" in served["enum, contextmanager, warnings and time"].json()["log"]


def test_when_a_script_exports_then_each_call_is_skipped_with_a_warning(served):
    warnings = served["exporters called by the script"].json()["warnings"]
    assert [w.split(" ")[0] for w in warnings] == [
        "export_stl()",
        "export_step()",
        "export_gltf()",
        "ExportSVG.write()",
        "Mesher.write()",
    ]


def test_when_the_result_is_not_a_build123d_shape_then_a_warning_says_how_it_was_wrapped(served):
    assert any("OCP TopoDS_" in w for w in served["a raw OCP shape as the result"].json()["warnings"])
    assert any("list of 2 shapes" in w for w in served["a list of parts as the result"].json()["warnings"])
