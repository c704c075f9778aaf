# Request: A 60 x 20 mm name tag, 3 mm thick, with "CHAT3D" raised 1 mm on top and a 4 mm hole at one end for a key ring.
from build123d import *

LENGTH = 60  # @param mm min=30 max=200 "Length"
WIDTH = 20  # @param mm min=10 max=80 "Width"
THICKNESS = 3  # @param mm min=1 max=10 step=0.5 "Thickness"
TEXT = "CHAT3D"
TEXT_SIZE = 9  # @param mm min=4 max=30 step=0.5 "Text size"
TEXT_HEIGHT = 1  # @param mm min=0.2 max=5 step=0.1 "Text height"
HOLE_DIAMETER = 4  # @param mm min=2 max=10 step=0.5 "Key ring hole"

with BuildPart() as tag:
    Box(LENGTH, WIDTH, THICKNESS)
    fillet(tag.edges().filter_by(Axis.Z), radius=WIDTH / 4)
    with Locations((-LENGTH / 2 + WIDTH / 3, 0, 0)):
        Hole(radius=HOLE_DIAMETER / 2)
    top = tag.faces().sort_by(Axis.Z)[-1]
    with BuildSketch(top):
        with Locations((WIDTH / 6, 0)):
            Text(TEXT, font_size=TEXT_SIZE, align=(Align.CENTER, Align.CENTER))
    extrude(amount=TEXT_HEIGHT)

root_part = tag.part
