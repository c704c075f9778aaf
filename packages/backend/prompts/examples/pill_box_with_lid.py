# Request: A round pill box 50 mm across and 25 mm tall with 2 mm walls, and a separate push-on lid that slides over it, as two named parts.
from build123d import *

DIAMETER = 50  # @param mm min=20 max=150 "Box diameter"
HEIGHT = 25  # @param mm min=10 max=100 "Box height"
WALL = 2  # @param mm min=1 max=5 step=0.5 "Wall thickness"
LID_HEIGHT = 8  # @param mm min=4 max=30 "Lid height"
CLEARANCE = 0.3  # @param mm min=0 max=1 step=0.05 "Lid clearance"
GAP = 10  # @param mm min=2 max=50 "Gap between the parts as shown"

with BuildPart() as box:
    Cylinder(DIAMETER / 2, HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    offset(amount=-WALL, openings=box.faces().sort_by(Axis.Z)[-1])

# The lid's skirt fits over the box's wall; it is shown beside the box, upside down as it would be printed.
lid_inner = DIAMETER / 2 + CLEARANCE
with BuildPart() as lid:
    with Locations((DIAMETER + GAP + 2 * WALL, 0, 0)):
        Cylinder(lid_inner + WALL, LID_HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
        with Locations((0, 0, WALL)):
            Cylinder(lid_inner, LID_HEIGHT - WALL, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)

# Separate solids that do not touch: each stays its own named part in the exported files.
box.part.label = "box"
lid.part.label = "lid"
root_part = Compound(children=[box.part, lid.part])
