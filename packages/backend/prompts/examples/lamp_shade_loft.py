# Request: A lamp shade that blends from a 120 mm hexagon at the bottom to a 70 mm circle at the top over 100 mm, hollow with 1.6 mm walls, open at both ends.
from build123d import *
import math

BOTTOM = 120  # @param mm min=40 max=300 "Bottom hexagon (across corners)"
TOP = 70  # @param mm min=20 max=300 "Top diameter"
HEIGHT = 100  # @param mm min=30 max=300 "Height"
WALL = 1.6  # @param mm min=0.8 max=5 step=0.1 "Wall thickness"

with BuildPart() as shade:
    # A loft runs through the pending sketches in the order they were made, each on its own plane.
    with BuildSketch():
        RegularPolygon(BOTTOM / 2, 6)
    with BuildSketch(Plane.XY.offset(HEIGHT)):
        Circle(TOP / 2)
    loft()
    # The opening: the same loft one wall smaller, cut away (offset would fail on the blended faces).
    with BuildSketch():
        # Across corners, a wall of WALL on the flats takes WALL / cos 30° off the corner radius.
        RegularPolygon(BOTTOM / 2 - WALL / math.cos(math.radians(30)), 6)
    with BuildSketch(Plane.XY.offset(HEIGHT)):
        Circle(TOP / 2 - WALL)
    loft(mode=Mode.SUBTRACT)

root_part = shade.part
