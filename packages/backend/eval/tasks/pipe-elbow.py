from build123d import *

OUTER = 20
INNER = 16
BEND_RADIUS = 30

with BuildPart() as elbow:
    with BuildLine() as path:
        CenterArc((0, 0), BEND_RADIUS, 0, 90)
    # The pipe's section, square to the path at its start.
    with BuildSketch(Plane(origin=path.line @ 0, z_dir=path.line % 0)):
        Circle(OUTER / 2)
        Circle(INNER / 2, mode=Mode.SUBTRACT)
    sweep()

root_part = elbow.part
