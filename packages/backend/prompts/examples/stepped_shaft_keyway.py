# Request: A stepped motor shaft: 20 mm diameter for 40 mm, then 15 mm for 30 mm, with 1 mm chamfers on the ends and the step, and a 5 mm wide, 3 mm deep rounded-end keyway 22 mm long in the thick part.
from build123d import *

BIG = 20  # @param mm min=6 max=80 step=0.5 "Large diameter"
BIG_LENGTH = 40  # @param mm min=10 max=300 "Large section length"
SMALL = 15  # @param mm min=4 max=70 step=0.5 "Small diameter"
SMALL_LENGTH = 30  # @param mm min=10 max=300 "Small section length"
CHAMFER = 1  # @param mm min=0.2 max=3 step=0.1 "Chamfer"
KEY_WIDTH = 5  # @param mm min=2 max=20 step=0.5 "Keyway width"
KEY_DEPTH = 3  # @param mm min=1 max=10 step=0.5 "Keyway depth"
KEY_LENGTH = 22  # @param mm min=8 max=200 "Keyway length"

with BuildPart() as shaft:
    # The shaft's half-profile on XZ (x is the radius), revolved about Z.
    with BuildSketch(Plane.XZ):
        Polygon(
            (0, 0),
            (BIG / 2, 0),
            (BIG / 2, BIG_LENGTH),
            (SMALL / 2, BIG_LENGTH),
            (SMALL / 2, BIG_LENGTH + SMALL_LENGTH),
            (0, BIG_LENGTH + SMALL_LENGTH),
            align=None,
        )
    revolve(axis=Axis.Z)
    # Every circular edge: both ends and the two edges of the step.
    chamfer(shaft.edges().filter_by(GeomType.CIRCLE), length=CHAMFER)
    # An end-milled keyway: a slot sketched on a plane tangent to the shaft, cut down by its depth.
    with BuildSketch(Plane(origin=(0, BIG / 2, BIG_LENGTH / 2), x_dir=(0, 0, 1), z_dir=(0, 1, 0))):
        SlotOverall(KEY_LENGTH, KEY_WIDTH)
    extrude(amount=-KEY_DEPTH, mode=Mode.SUBTRACT)

root_part = shaft.part
