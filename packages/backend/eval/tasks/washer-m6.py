from build123d import *

OUTER = 12
INNER = 6.4
THICKNESS = 1.6

with BuildPart() as washer:
    with BuildSketch():
        Circle(OUTER / 2)
        Circle(INNER / 2, mode=Mode.SUBTRACT)
    extrude(amount=THICKNESS)

root_part = washer.part
