# Request: A case bottom for a small single-board computer: 95 x 65 x 22 mm outside, 2 mm walls, rounded corners, and four 6 mm standoffs 5 mm tall with 2.5 mm screw holes on a 58 x 49 mm pattern.
from build123d import *

LENGTH = 95  # @param mm min=40 max=250 "Length"
WIDTH = 65  # @param mm min=30 max=200 "Width"
HEIGHT = 22  # @param mm min=8 max=100 "Height"
WALL = 2  # @param mm min=1 max=5 step=0.5 "Wall and floor thickness"
CORNER = 4  # @param mm min=0.5 max=15 step=0.5 "Corner radius"
STANDOFF = 6  # @param mm min=4 max=12 step=0.5 "Standoff diameter"
STANDOFF_HEIGHT = 5  # @param mm min=2 max=20 step=0.5 "Standoff height"
SCREW = 2.5  # @param mm min=1.5 max=5 step=0.1 "Screw hole diameter"
PATTERN_X = 58  # @param mm min=10 max=240 "Hole spacing along the length"
PATTERN_Y = 49  # @param mm min=10 max=190 "Hole spacing across"

with BuildPart() as case:
    Box(LENGTH, WIDTH, HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    fillet(case.edges().filter_by(Axis.Z), radius=CORNER)
    # Shell it: walls of WALL everywhere, the top face removed.
    offset(amount=-WALL, openings=case.faces().sort_by(Axis.Z)[-1])
    # Standoffs stand on the floor (its top is at z = WALL) and carry blind screw holes.
    with Locations((0, 0, WALL)):
        with GridLocations(PATTERN_X, PATTERN_Y, 2, 2):
            Cylinder(STANDOFF / 2, STANDOFF_HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    with Locations((0, 0, WALL + STANDOFF_HEIGHT)):
        with GridLocations(PATTERN_X, PATTERN_Y, 2, 2):
            # A Hole with a depth cuts that far both ways from its location: put the location on the top.
            Hole(radius=SCREW / 2, depth=STANDOFF_HEIGHT)

root_part = case.part
