from build123d import *

DIAMETER = 24
HEIGHT = 16
FLUTES = 12
FLUTE_WIDTH = 3
SHAFT = 6
SHAFT_DEPTH = 10

with BuildPart() as knob:
    Cylinder(DIAMETER / 2, HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    # Half-round flutes: cutters centred on the rim.
    with PolarLocations(DIAMETER / 2, FLUTES):
        Cylinder(FLUTE_WIDTH / 2, HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)
    Cylinder(SHAFT / 2, SHAFT_DEPTH, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)

root_part = knob.part
