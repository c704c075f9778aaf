from build123d import *

ACROSS_FLATS = 70
HEIGHT = 100
WALL = 3
FLOOR = 4

with BuildPart() as cup:
    with BuildSketch():
        RegularPolygon(ACROSS_FLATS / 2, 6, major_radius=False)
    extrude(amount=HEIGHT)
    with BuildSketch(Plane.XY.offset(FLOOR)):
        RegularPolygon(ACROSS_FLATS / 2 - WALL, 6, major_radius=False)
    extrude(amount=HEIGHT - FLOOR, mode=Mode.SUBTRACT)

root_part = cup.part
