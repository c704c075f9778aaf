from build123d import *

LENGTH = 100
WIDTH = 70
HEIGHT = 35
WALL = 2.5
POST = 7
PILOT = 2.5
PILOT_DEPTH = 10
POST_INSET = 7
BELOW_RIM = 3

with BuildPart() as base:
    Box(LENGTH, WIDTH, HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    offset(amount=-WALL, openings=base.faces().sort_by(Axis.Z)[-1])
    post_height = HEIGHT - BELOW_RIM - WALL
    with Locations((0, 0, WALL)):
        with GridLocations(LENGTH - 2 * POST_INSET, WIDTH - 2 * POST_INSET, 2, 2):
            Cylinder(POST / 2, post_height, align=(Align.CENTER, Align.CENTER, Align.MIN))
    # Pilot holes for self-tapping screws, down from the posts' tops.
    with Locations((0, 0, WALL + post_height)):
        with GridLocations(LENGTH - 2 * POST_INSET, WIDTH - 2 * POST_INSET, 2, 2):
            Hole(radius=PILOT / 2, depth=PILOT_DEPTH)

root_part = base.part
