from build123d import *

DIAMETER = 12
LENGTH = 80
CHAMFER = 1
KEY_WIDTH = 4
KEY_DEPTH = 2.5
KEY_LENGTH = 20
KEY_START = 5

with BuildPart() as shaft:
    Cylinder(DIAMETER / 2, LENGTH, align=(Align.CENTER, Align.CENTER, Align.MIN))
    chamfer(shaft.edges().filter_by(GeomType.CIRCLE), length=CHAMFER)
    # A square-ended keyway, as a side mill leaves it, cut down from the top of the shaft.
    with Locations((0, DIAMETER / 2, KEY_START)):
        Box(KEY_WIDTH, 2 * KEY_DEPTH, KEY_LENGTH, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)

root_part = shaft.part
