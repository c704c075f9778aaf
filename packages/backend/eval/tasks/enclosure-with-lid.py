from build123d import *

LENGTH = 80
WIDTH = 50
HEIGHT = 30
WALL = 2
LID = 2
RIM_DEPTH = 2
RIM_WALL = 1.5
CLEARANCE = 0.2
LIFT = 10

with BuildPart() as box:
    Box(LENGTH, WIDTH, HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    offset(amount=-WALL, openings=box.faces().sort_by(Axis.Z)[-1])

# Lifted 10 mm so both parts show (parts that touch would not make a closed mesh); its rim hangs below it.
with BuildPart() as lid:
    with Locations((0, 0, HEIGHT + LIFT)):
        Box(LENGTH, WIDTH, LID, align=(Align.CENTER, Align.CENTER, Align.MIN))
        rim_l = LENGTH - 2 * (WALL + CLEARANCE)
        rim_w = WIDTH - 2 * (WALL + CLEARANCE)
        Box(rim_l, rim_w, RIM_DEPTH, align=(Align.CENTER, Align.CENTER, Align.MAX))
        Box(rim_l - 2 * RIM_WALL, rim_w - 2 * RIM_WALL, RIM_DEPTH, align=(Align.CENTER, Align.CENTER, Align.MAX), mode=Mode.SUBTRACT)

box.part.label = "box"
lid.part.label = "lid"
root_part = Compound(children=[box.part, lid.part])
