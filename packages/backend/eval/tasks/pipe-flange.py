from build123d import *

DISC = 120
DISC_THICKNESS = 12
BORE = 60
HUB = 76
HUB_HEIGHT = 20
BOLT_CIRCLE = 95
BOLT_HOLE = 12
BOLTS = 8

with BuildPart() as flange:
    Cylinder(DISC / 2, DISC_THICKNESS, align=(Align.CENTER, Align.CENTER, Align.MIN))
    with Locations((0, 0, DISC_THICKNESS)):
        Cylinder(HUB / 2, HUB_HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    Cylinder(BORE / 2, DISC_THICKNESS + HUB_HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)
    with PolarLocations(BOLT_CIRCLE / 2, BOLTS):
        Cylinder(BOLT_HOLE / 2, DISC_THICKNESS, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)

root_part = flange.part
