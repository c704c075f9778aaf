from build123d import *

OUTER = 12
BORE = 5.3
LENGTH = 20

with BuildPart() as spacer:
    Cylinder(OUTER / 2, LENGTH)
    Hole(radius=BORE / 2)

root_part = spacer.part
