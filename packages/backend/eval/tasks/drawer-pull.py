from build123d import *

BAR = 10
SPACING = 96
LEG_HEIGHT = 25
BEND = 10
TAP = 3.3
TAP_DEPTH = 8

with BuildPart() as pull:
    # The bar's centreline: up one leg, along the grip, down the other, with rounded bends.
    with BuildLine(Plane.XZ) as path:
        FilletPolyline(
            (-SPACING / 2, 0),
            (-SPACING / 2, LEG_HEIGHT),
            (SPACING / 2, LEG_HEIGHT),
            (SPACING / 2, 0),
            radius=BEND,
        )
    with BuildSketch(Plane.XY.move(Location((-SPACING / 2, 0, 0)))):
        Circle(BAR / 2)
    sweep(transition=Transition.ROUND)
    # Tapped holes for M4 screws in the foot of each leg.
    with Locations(*[Location((x, 0, 0), (180, 0, 0)) for x in (-SPACING / 2, SPACING / 2)]):
        Hole(radius=TAP / 2, depth=TAP_DEPTH)

root_part = pull.part
