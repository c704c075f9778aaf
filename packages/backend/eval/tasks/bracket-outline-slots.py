from build123d import *

LONG_LEG = 60
SHORT_LEG = 40
LEG_WIDTH = 15
SLOT_LENGTH = 20
SLOT_WIDTH = 6

with BuildSketch() as bracket:
    with BuildLine():
        Polyline(
            (0, 0),
            (LONG_LEG, 0),
            (LONG_LEG, LEG_WIDTH),
            (LEG_WIDTH, LEG_WIDTH),
            (LEG_WIDTH, SHORT_LEG),
            (0, SHORT_LEG),
            close=True,
        )
    make_face()
    # One slot along the free part of each leg.
    with Locations(((LEG_WIDTH + LONG_LEG) / 2, LEG_WIDTH / 2)):
        SlotOverall(SLOT_LENGTH, SLOT_WIDTH, mode=Mode.SUBTRACT)
    with Locations((LEG_WIDTH / 2, (LEG_WIDTH + SHORT_LEG) / 2)):
        SlotOverall(SLOT_LENGTH, SLOT_WIDTH, rotation=90, mode=Mode.SUBTRACT)

root_part = bracket.sketch
