# Request: The 2D outline of a flat washer, 20 mm outside and 8.4 mm inside diameter, to laser-cut.
from build123d import *

OUTER = 20  # @param mm min=4 max=200 step=0.5 "Outside diameter"
INNER = 8.4  # @param mm min=1 max=190 step=0.1 "Inside diameter"

with BuildSketch() as washer:
    Circle(OUTER / 2)
    Circle(INNER / 2, mode=Mode.SUBTRACT)

root_part = washer.sketch
