# Request: A round knob 30 mm across and 18 mm tall with a knurled grip of 18 ridges and a D-shaped 6 mm shaft hole 12 mm deep.
from build123d import *

DIAMETER = 30  # @param mm min=10 max=100 "Diameter"
HEIGHT = 18  # @param mm min=5 max=60 "Height"
RIDGES = 18  # @param min=0 max=60 "Grip ridges"
SHAFT = 6  # @param mm min=2 max=20 step=0.5 "Shaft diameter"
SHAFT_DEPTH = 12  # @param mm min=3 max=50 "Shaft hole depth"

with BuildPart() as knob:
    Cylinder(DIAMETER / 2, HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    fillet(knob.edges().sort_by(Axis.Z)[-1], radius=min(3, HEIGHT / 4))
    if RIDGES > 0:
        with PolarLocations(DIAMETER / 2, RIDGES):
            Cylinder(1.2, HEIGHT * 0.7, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)
    with BuildSketch(Plane.XY):
        Circle(SHAFT / 2)
        # The flat of the D.
        with Locations((SHAFT / 2, 0)):
            Rectangle(SHAFT * 0.3, SHAFT, mode=Mode.SUBTRACT)
    extrude(amount=SHAFT_DEPTH, mode=Mode.SUBTRACT)

root_part = knob.part
