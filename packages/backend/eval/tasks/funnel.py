from build123d import *

RIM = 80
CONE_HEIGHT = 60
SPOUT = 10
SPOUT_LENGTH = 30
WALL = 1.5

with BuildPart() as funnel:
    # The outside's half-section in the XZ plane, revolved about Z, then shelled open at both ends.
    with BuildSketch(Plane.XZ):
        Polygon(
            (0, 0),
            (SPOUT / 2, 0),
            (SPOUT / 2, SPOUT_LENGTH),
            (RIM / 2, SPOUT_LENGTH + CONE_HEIGHT),
            (0, SPOUT_LENGTH + CONE_HEIGHT),
            align=None,
        )
    revolve(axis=Axis.Z)
    ends = funnel.faces().filter_by(Plane.XY)
    offset(amount=-WALL, openings=ends)

root_part = funnel.part
