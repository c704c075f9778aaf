# Request: An L-shaped wall bracket, 40 mm wide, legs 50 and 35 mm long, 4 mm thick, a fillet inside the bend, and one 4.5 mm screw hole in each leg.
from build123d import *

WIDTH = 40  # @param mm min=10 max=200 "Width"
WALL_LEG = 50  # @param mm min=15 max=200 "Wall leg length"
SHELF_LEG = 35  # @param mm min=15 max=200 "Shelf leg length"
THICKNESS = 4  # @param mm min=1.5 max=20 step=0.5 "Thickness"
HOLE_DIAMETER = 4.5  # @param mm min=2 max=12 step=0.5 "Screw hole diameter"
BEND_FILLET = 3  # @param mm min=0.5 max=15 step=0.5 "Inside fillet"

with BuildPart() as bracket:
    with BuildSketch(Plane.XZ):
        with BuildLine():
            Polyline(
                (0, 0),
                (SHELF_LEG, 0),
                (SHELF_LEG, THICKNESS),
                (THICKNESS, THICKNESS),
                (THICKNESS, WALL_LEG),
                (0, WALL_LEG),
                close=True,
            )
        make_face()
    extrude(amount=WIDTH / 2, both=True)
    inner = bracket.edges().filter_by(Axis.Y).sort_by_distance((THICKNESS, 0, THICKNESS))[0]
    fillet(inner, radius=BEND_FILLET)
    # One hole through each leg, centred on it.
    with Locations(Location((SHELF_LEG / 2 + THICKNESS / 2, 0, THICKNESS), (0, 0, 0))):
        Hole(radius=HOLE_DIAMETER / 2, depth=THICKNESS)
    with Locations(Location((0, 0, WALL_LEG / 2 + THICKNESS / 2), (0, -90, 0))):
        Hole(radius=HOLE_DIAMETER / 2, depth=THICKNESS)

root_part = bracket.part
