# Request: A 2D outline to laser-cut: a hanger plate 80 mm wide and 50 mm tall with a round top, a 10 mm hanging hole near the top, and two 4 mm screw holes near the bottom corners.
from build123d import *

WIDTH = 80  # @param mm min=30 max=300 "Width"
HEIGHT = 50  # @param mm min=20 max=300 "Height"
HANG_HOLE = 10  # @param mm min=3 max=40 step=0.5 "Hanging hole diameter"
SCREW = 4  # @param mm min=2 max=10 step=0.5 "Screw hole diameter"
INSET = 8  # @param mm min=4 max=30 "Screw hole inset"

arc_radius = WIDTH / 2

with BuildSketch() as plate:
    # The outline as one closed loop of lines and an arc; make_face turns it into a face.
    with BuildLine():
        straight = HEIGHT - arc_radius * 0.5
        Line((-WIDTH / 2, 0), (WIDTH / 2, 0))
        Line((WIDTH / 2, 0), (WIDTH / 2, straight))
        ThreePointArc((WIDTH / 2, straight), (0, HEIGHT), (-WIDTH / 2, straight))
        Line((-WIDTH / 2, straight), (-WIDTH / 2, 0))
    make_face()
    with Locations((0, HEIGHT - HANG_HOLE)):
        Circle(HANG_HOLE / 2, mode=Mode.SUBTRACT)
    with Locations((-WIDTH / 2 + INSET, INSET), (WIDTH / 2 - INSET, INSET)):
        Circle(SCREW / 2, mode=Mode.SUBTRACT)

# A sketch on its own is a 2D result: SVG and DXF for the laser cutter.
root_part = plate.sketch
