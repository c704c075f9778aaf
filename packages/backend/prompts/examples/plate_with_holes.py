# Request: A mounting plate 80 x 50 mm, 6 mm thick, with a 5 mm hole 6 mm in from each corner and rounded corners.
from build123d import *

LENGTH = 80  # @param mm min=20 max=300 "Length"
WIDTH = 50  # @param mm min=20 max=300 "Width"
THICKNESS = 6  # @param mm min=1 max=30 "Thickness"
HOLE_DIAMETER = 5  # @param mm min=1 max=20 step=0.5 "Hole diameter"
INSET = 6  # @param mm min=3 max=40 "Hole inset from the edges"
CORNER_RADIUS = 4  # @param mm min=0.5 max=20 step=0.5 "Corner radius"

with BuildPart() as plate:
    Box(LENGTH, WIDTH, THICKNESS)
    fillet(plate.edges().filter_by(Axis.Z), radius=CORNER_RADIUS)
    with GridLocations(LENGTH - 2 * INSET, WIDTH - 2 * INSET, 2, 2):
        Hole(radius=HOLE_DIAMETER / 2)

root_part = plate.part
