# Request: A round bearing cover 90 mm across and 5 mm thick with six 5.5 mm holes on a 75 mm circle, a 22 mm centre hole, and a raised 40 mm ring 3 mm tall around it.
from build123d import *

DIAMETER = 90  # @param mm min=30 max=300 "Diameter"
THICKNESS = 5  # @param mm min=2 max=20 step=0.5 "Thickness"
HOLES = 6  # @param min=3 max=24 "Number of holes"
HOLE = 5.5  # @param mm min=2 max=20 step=0.5 "Hole diameter"
BOLT_CIRCLE = 75  # @param mm min=15 max=290 "Bolt circle diameter"
CENTRE_HOLE = 22  # @param mm min=3 max=150 "Centre hole diameter"
RING = 40  # @param mm min=10 max=200 "Raised ring diameter"
RING_HEIGHT = 3  # @param mm min=0.5 max=20 step=0.5 "Raised ring height"

with BuildPart() as cover:
    Cylinder(DIAMETER / 2, THICKNESS, align=(Align.CENTER, Align.CENTER, Align.MIN))
    with Locations((0, 0, THICKNESS)):
        Cylinder(RING / 2, RING_HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    # PolarLocations takes the circle's radius: half the bolt circle's diameter.
    with PolarLocations(BOLT_CIRCLE / 2, HOLES):
        Hole(radius=HOLE / 2)
    Hole(radius=CENTRE_HOLE / 2)

root_part = cover.part
