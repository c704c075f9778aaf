"""The benchmark's fixed suite, from trivial to heavy; each script binds root_part as the service expects."""

MODELS: dict[str, str] = {
    "box": """
from build123d import *
root_part = Box(10, 20, 30)
""",
    "cylinder": """
from build123d import *
root_part = Cylinder(radius=10, height=30)
""",
    "filleted_box": """
from build123d import *
with BuildPart() as part:
    Box(60, 40, 20)
    fillet(part.edges(), radius=4)
root_part = part.part
""",
    "revolved_vase": """
from build123d import *
with BuildPart() as part:
    with BuildSketch(Plane.XZ) as profile:
        with BuildLine():
            Spline((10, 0), (25, 30), (12, 70), (18, 100))
            Line((18, 100), (0, 100))
            Line((0, 100), (0, 0))
            Line((0, 0), (10, 0))
        make_face()
    revolve(axis=Axis.Z)
root_part = part.part
""",
    "loft": """
from build123d import *
with BuildPart() as part:
    with BuildSketch():
        Circle(20)
    with BuildSketch(Plane.XY.offset(40)):
        Rectangle(24, 24)
    with BuildSketch(Plane.XY.offset(80)):
        RegularPolygon(14, 6)
    loft()
root_part = part.part
""",
    "helical_sweep": """
from build123d import *
path = Helix(pitch=8, height=48, radius=15)
with BuildPart() as part:
    with BuildSketch(Plane(origin=path @ 0, z_dir=path % 0)):
        Circle(2)
    sweep(path=path)
root_part = part.part
""",
    "flange_polar_pattern": """
from build123d import *
with BuildPart() as part:
    Cylinder(radius=50, height=12)
    Cylinder(radius=25, height=40, align=(Align.CENTER, Align.CENTER, Align.MIN))
    with Locations((0, 0, 20)):
        Hole(15)
    with PolarLocations(38, 12):
        Hole(4)
    chamfer(part.edges().group_by(Axis.Z)[-1], length=1.5)
root_part = part.part
""",
    "shelled_enclosure": """
from build123d import *
with BuildPart() as part:
    Box(80, 60, 30)
    fillet(part.edges().filter_by(Axis.Z), radius=6)
    offset(amount=-2, openings=part.faces().sort_by(Axis.Z)[-1])
    with Locations(part.faces().sort_by(Axis.X)[0]):
        with GridLocations(0, 8, 1, 4):
            Hole(2)
root_part = part.part
""",
    "plate_many_holes": """
from build123d import *
with BuildPart() as part:
    Box(200, 120, 6)
    with GridLocations(8, 8, 22, 12):
        Hole(2.5)
root_part = part.part
""",
    "large_boolean": """
from build123d import *
with BuildPart() as part:
    Box(100, 100, 40)
    with GridLocations(10, 10, 9, 9):
        Sphere(4.5, mode=Mode.SUBTRACT)
    with GridLocations(10, 10, 9, 9):
        with Locations((0, 0, 20)):
            Cylinder(3, 10, mode=Mode.ADD)
root_part = part.part
""",
    "filleted_plate_with_holes": """
from build123d import *
with BuildPart() as part:
    Box(150, 100, 10)
    with GridLocations(12, 12, 11, 7):
        Hole(3)
    fillet(part.edges(), radius=1)
root_part = part.part
""",
}

THROUGHPUT_MODEL = "flange_polar_pattern"
