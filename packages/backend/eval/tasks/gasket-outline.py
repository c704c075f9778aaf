from build123d import *

LENGTH = 60
WIDTH = 40
CORNER = 5
CENTRE_HOLE = 30
BOLT_HOLE = 4

with BuildSketch() as gasket:
    RectangleRounded(LENGTH, WIDTH, CORNER)
    Circle(CENTRE_HOLE / 2, mode=Mode.SUBTRACT)
    with GridLocations(48, 28, 2, 2):
        Circle(BOLT_HOLE / 2, mode=Mode.SUBTRACT)

root_part = gasket.sketch
