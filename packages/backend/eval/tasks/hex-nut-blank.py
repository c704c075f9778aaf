from build123d import *

ACROSS_FLATS = 10
THICKNESS = 5
HOLE = 5

with BuildPart() as nut:
    with BuildSketch():
        # RegularPolygon's radius is to the corners unless major_radius=False.
        RegularPolygon(ACROSS_FLATS / 2, 6, major_radius=False)
        Circle(HOLE / 2, mode=Mode.SUBTRACT)
    extrude(amount=THICKNESS)

root_part = nut.part
