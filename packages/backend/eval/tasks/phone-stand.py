from build123d import *
import math

WIDTH = 70
DEPTH = 90
HEIGHT = 100
BASE = 6
LIP = 12
LIP_THICKNESS = 6
REST = 6
REST_ANGLE = 60
NOTCH = 20

# The side profile in the YZ plane (y: front to back), extruded across the width.
run = (HEIGHT - BASE) / math.tan(math.radians(REST_ANGLE))
shift = REST / math.sin(math.radians(REST_ANGLE))  # the rest's thickness, measured horizontally

with BuildPart() as stand:
    with BuildSketch(Plane.YZ):
        Rectangle(DEPTH, BASE, align=(Align.MIN, Align.MIN))
        Rectangle(LIP_THICKNESS, BASE + LIP, align=(Align.MIN, Align.MIN))
        Polygon(
            (DEPTH - run - shift, BASE),
            (DEPTH - run, BASE),
            (DEPTH, HEIGHT),
            (DEPTH - shift, HEIGHT),
            align=None,
        )
    extrude(amount=WIDTH / 2, both=True)
    # The cable's notch through the middle of the lip, down to the base.
    with Locations((0, LIP_THICKNESS / 2, BASE)):
        Box(NOTCH, LIP_THICKNESS, LIP, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)

root_part = stand.part
