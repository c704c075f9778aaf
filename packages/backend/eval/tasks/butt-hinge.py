from build123d import *

LENGTH = 40
LEAF_WIDTH = 20
LEAF_THICKNESS = 2
KNUCKLE = 6
KNUCKLES = 5
GAP = 0.4
BORE = 3.2
PIN = 3

segment = (LENGTH - (KNUCKLES - 1) * GAP) / KNUCKLES
clearance = KNUCKLE / 2 + GAP  # how far a leaf's plate stays from the other leaf's knuckles


def leaf(side: int, knuckles: list[int]) -> Part:
    """One leaf, open flat: its plate runs from the axis out to `side` * LEAF_WIDTH on Y; the hinge axis is X."""
    with BuildPart() as part:
        with Locations((LENGTH / 2, side * (clearance + LEAF_WIDTH) / 2, 0)):
            Box(LENGTH, LEAF_WIDTH - clearance, LEAF_THICKNESS)
        for k in knuckles:
            x0 = k * (segment + GAP)
            with BuildSketch(Plane.YZ.offset(x0)):
                Circle(KNUCKLE / 2)
                # The web joining the knuckle to the plate.
                with Locations((side * clearance / 2, 0)):
                    Rectangle(clearance, LEAF_THICKNESS)
            extrude(amount=segment)
        with BuildSketch(Plane.YZ):
            Circle(BORE / 2)
        extrude(amount=LENGTH, mode=Mode.SUBTRACT)
    return part.part


first = leaf(-1, [0, 2, 4])
first.label = "leaf_a"
second = leaf(1, [1, 3])
second.label = "leaf_b"
pin = Pos(LENGTH / 2, 0, 0) * Cylinder(PIN / 2, LENGTH, rotation=(0, 90, 0))
pin.label = "pin"

root_part = Compound(children=[first, second, pin])
