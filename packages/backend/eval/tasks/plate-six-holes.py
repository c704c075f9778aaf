from build123d import *

LENGTH = 120
WIDTH = 60
THICKNESS = 5
HOLE = 4
ALONG = 50
ACROSS = 40

with BuildPart() as plate:
    Box(LENGTH, WIDTH, THICKNESS)
    with GridLocations(ALONG, ACROSS, 3, 2):
        Hole(radius=HOLE / 2)

root_part = plate.part
