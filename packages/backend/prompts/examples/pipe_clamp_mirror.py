# Request: A saddle clamp for a 22 mm pipe: a half ring 3 mm thick and 15 mm wide with a flat 15 mm foot on each side, each foot with a 5 mm screw hole.
from build123d import *

PIPE = 22  # @param mm min=6 max=120 step=0.5 "Pipe diameter"
THICKNESS = 3  # @param mm min=1.5 max=10 step=0.5 "Thickness"
WIDTH = 15  # @param mm min=6 max=60 "Width"
FOOT = 15  # @param mm min=8 max=50 "Foot length"
SCREW = 5  # @param mm min=2 max=10 step=0.5 "Screw hole diameter"

inner = PIPE / 2
outer = PIPE / 2 + THICKNESS

with BuildPart() as clamp:
    # One half (x >= 0) of the side profile on XZ: a quarter ring over the pipe and the foot beside it.
    with BuildSketch(Plane.XZ):
        Circle(outer)
        Circle(inner, mode=Mode.SUBTRACT)
        Rectangle(outer, outer, align=(Align.MIN, Align.MIN), mode=Mode.INTERSECT)
        with Locations((inner, 0)):
            Rectangle(outer + FOOT - inner, THICKNESS, align=(Align.MIN, Align.MIN))
    extrude(amount=WIDTH / 2, both=True)
    with Locations((outer + FOOT / 2, 0, THICKNESS)):
        Hole(radius=SCREW / 2, depth=THICKNESS)
    # The other half is the mirror image across the YZ plane; the two halves fuse at x = 0.
    mirror(about=Plane.YZ)

root_part = clamp.part
