from build123d import *

SQUARE = 60
ROUND = 40
HEIGHT = 50
WALL = 2

with BuildPart() as duct:
    with BuildSketch():
        Rectangle(SQUARE, SQUARE)
    with BuildSketch(Plane.XY.offset(HEIGHT)):
        Circle(ROUND / 2)
    loft()
    # The bore: the same transition, one wall thickness smaller at each end.
    with BuildSketch():
        Rectangle(SQUARE - 2 * WALL, SQUARE - 2 * WALL)
    with BuildSketch(Plane.XY.offset(HEIGHT)):
        Circle(ROUND / 2 - WALL)
    loft(mode=Mode.SUBTRACT)

root_part = duct.part
