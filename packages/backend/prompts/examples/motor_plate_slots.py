# Request: A motor mounting plate 70 x 70 x 4 mm with a 23 mm centre hole and four slotted 3.4 mm holes on a 31 mm square, each slot letting the motor slide 6 mm for belt tension.
from build123d import *

SIZE = 70  # @param mm min=40 max=200 "Plate size"
THICKNESS = 4  # @param mm min=2 max=12 step=0.5 "Thickness"
CENTRE_HOLE = 23  # @param mm min=5 max=60 step=0.5 "Centre hole diameter"
BOLT_SQUARE = 31  # @param mm min=10 max=150 "Bolt square (hole spacing)"
SCREW = 3.4  # @param mm min=2 max=8 step=0.1 "Screw clearance"
TRAVEL = 6  # @param mm min=0 max=30 step=0.5 "Slot travel"
CORNER = 5  # @param mm min=0.5 max=20 step=0.5 "Corner radius"

with BuildPart() as plate:
    with BuildSketch():
        RectangleRounded(SIZE, SIZE, CORNER)
        Circle(CENTRE_HOLE / 2, mode=Mode.SUBTRACT)
        # The centre hole must let the motor's boss travel too: a slot as well.
        SlotCenterToCenter(TRAVEL, CENTRE_HOLE, mode=Mode.SUBTRACT)
        with GridLocations(BOLT_SQUARE, BOLT_SQUARE, 2, 2):
            # Centre-to-centre distance is the travel; the slot's width is the screw's clearance.
            SlotCenterToCenter(TRAVEL, SCREW, mode=Mode.SUBTRACT)
    extrude(amount=THICKNESS)

root_part = plate.part
