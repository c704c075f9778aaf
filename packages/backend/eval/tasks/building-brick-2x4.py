from build123d import *

LENGTH = 31.8
WIDTH = 15.8
HEIGHT = 9.6
WALL = 1.2
TOP = 1.0
STUD = 4.8
STUD_HEIGHT = 1.7
PITCH = 8
TUBE_OUTER = 6.51
TUBE_INNER = 4.8

with BuildPart() as brick:
    Box(LENGTH, WIDTH, HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    # Hollow from below, leaving the walls and the top.
    Box(LENGTH - 2 * WALL, WIDTH - 2 * WALL, HEIGHT - TOP, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)
    with Locations((0, 0, HEIGHT)):
        with GridLocations(PITCH, PITCH, 4, 2):
            Cylinder(STUD / 2, STUD_HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    # The tubes between the studs grip the studs of the brick below.
    with GridLocations(PITCH, PITCH, 3, 1):
        Cylinder(TUBE_OUTER / 2, HEIGHT - TOP, align=(Align.CENTER, Align.CENTER, Align.MIN))
        Cylinder(TUBE_INNER / 2, HEIGHT - TOP, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)

root_part = brick.part
