# Request: An electronics enclosure 100 x 60 x 40 mm with 2 mm walls, open at the top, rounded vertical edges, and a matching lid 3 mm thick that drops 5 mm into the box.
from build123d import *

LENGTH = 100  # @param mm min=30 max=300 "Length"
WIDTH = 60  # @param mm min=30 max=300 "Width"
HEIGHT = 40  # @param mm min=10 max=200 "Height"
WALL = 2  # @param mm min=1 max=6 step=0.5 "Wall thickness"
CORNER_RADIUS = 5  # @param mm min=1 max=20 step=0.5 "Corner radius"
LID_THICKNESS = 3  # @param mm min=1 max=10 step=0.5 "Lid thickness"
LID_LIP = 5  # @param mm min=2 max=15 "Lid lip depth"
CLEARANCE = 0.3  # @param mm min=0 max=1 step=0.05 "Lid clearance"

with BuildPart() as box:
    Box(LENGTH, WIDTH, HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    fillet(box.edges().filter_by(Axis.Z), radius=CORNER_RADIUS)
    offset(amount=-WALL, openings=box.faces().sort_by(Axis.Z)[-1])

with BuildPart() as lid:
    with Locations((0, 0, HEIGHT + 10)):
        Box(LENGTH, WIDTH, LID_THICKNESS, align=(Align.CENTER, Align.CENTER, Align.MIN))
        fillet(lid.edges().filter_by(Axis.Z), radius=CORNER_RADIUS)
    inner_l = LENGTH - 2 * (WALL + CLEARANCE)
    inner_w = WIDTH - 2 * (WALL + CLEARANCE)
    with Locations((0, 0, HEIGHT + 10)):
        Box(inner_l, inner_w, LID_LIP, align=(Align.CENTER, Align.CENTER, Align.MAX))

# An assembly: the box and its lid, each a named child.
box.part.label = "box"
lid.part.label = "lid"
root_part = Compound(children=[box.part, lid.part])
