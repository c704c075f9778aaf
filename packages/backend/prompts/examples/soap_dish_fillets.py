# Request: A soap dish 110 x 75 x 18 mm with a 12 mm deep tray, rounded corners, softly rounded top edges, and five drainage slots in the floor.
from build123d import *

LENGTH = 110  # @param mm min=50 max=250 "Length"
WIDTH = 75  # @param mm min=30 max=200 "Width"
HEIGHT = 18  # @param mm min=8 max=60 "Height"
RIM = 4  # @param mm min=2 max=15 step=0.5 "Rim width"
DEPTH = 12  # @param mm min=3 max=55 "Tray depth"
CORNER = 12  # @param mm min=5 max=40 "Corner radius"
SLOTS = 5  # @param min=0 max=15 "Drainage slots"
SLOT_WIDTH = 4  # @param mm min=1.5 max=10 step=0.5 "Slot width"

with BuildPart() as dish:
    Box(LENGTH, WIDTH, HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
    # Select edges by direction before the shape gets complicated: the four vertical ones are the corners.
    fillet(dish.edges().filter_by(Axis.Z), radius=CORNER)
    with BuildSketch(dish.faces().sort_by(Axis.Z)[-1]):
        RectangleRounded(LENGTH - 2 * RIM, WIDTH - 2 * RIM, CORNER - RIM)
    extrude(amount=-DEPTH, mode=Mode.SUBTRACT)
    # The edges of the top face: group_by(Axis.Z)[-1] is every edge at the greatest height, outside and inside.
    # Two fillets share the rim, so each stays under half its width.
    fillet(dish.edges().group_by(Axis.Z)[-1], radius=RIM / 3)
    if SLOTS > 0:
        # The slots run across the tray, spread evenly along it, cut from the floor down through the base.
        with BuildSketch(Plane.XY.offset(HEIGHT - DEPTH)):
            with GridLocations((LENGTH - 2 * RIM) / (SLOTS + 1), 0, SLOTS, 1):
                SlotOverall(WIDTH * 0.6, SLOT_WIDTH, rotation=90)
        extrude(amount=-(HEIGHT - DEPTH), mode=Mode.SUBTRACT)

root_part = dish.part
