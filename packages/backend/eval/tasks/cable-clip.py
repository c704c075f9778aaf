from build123d import *

INNER = 8
OUTER = 12
WIDTH = 10
TAB_LENGTH = 36
TAB_THICKNESS = 2
CENTRE_HEIGHT = 7
GAP = 6
SCREW = 4
SCREW_OFFSET = 14

with BuildPart() as clip:
    Box(TAB_LENGTH, WIDTH, TAB_THICKNESS, align=(Align.CENTER, Align.CENTER, Align.MIN))
    with BuildSketch(Plane.XZ):
        with Locations((0, CENTRE_HEIGHT)):
            Circle(OUTER / 2)
    extrude(amount=WIDTH / 2, both=True)
    # The cable's channel, open at the top so the cable can be pushed in.
    with BuildSketch(Plane.XZ):
        with Locations((0, CENTRE_HEIGHT)):
            Circle(INNER / 2)
        with Locations((0, CENTRE_HEIGHT + OUTER / 2)):
            Rectangle(GAP, OUTER)
    extrude(amount=WIDTH / 2, both=True, mode=Mode.SUBTRACT)
    with Locations((-SCREW_OFFSET, 0, TAB_THICKNESS), (SCREW_OFFSET, 0, TAB_THICKNESS)):
        Hole(radius=SCREW / 2, depth=TAB_THICKNESS)

root_part = clip.part
