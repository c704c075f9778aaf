from build123d import *

LENGTH = 60
LEG = 40
THICKNESS = 5
GUSSET = 30
HOLE = 6

with BuildPart() as bracket:
    # Base plate on the table and the upright plate along its back edge (y = 0).
    Box(LENGTH, LEG, THICKNESS, align=(Align.MIN, Align.MIN, Align.MIN))
    Box(LENGTH, THICKNESS, LEG, align=(Align.MIN, Align.MIN, Align.MIN))
    # Right-triangle gussets in the inside corner, flush with both ends.
    for x in (0, LENGTH - THICKNESS):
        with BuildSketch(Plane.YZ.offset(x)):
            Polygon(
                (THICKNESS, THICKNESS),
                (THICKNESS + GUSSET, THICKNESS),
                (THICKNESS, THICKNESS + GUSSET),
                align=None,
            )
        extrude(amount=THICKNESS)
    mid = (THICKNESS + LEG) / 2
    with Locations(*[(x, mid, THICKNESS) for x in (15, 45)]):
        Hole(radius=HOLE / 2, depth=THICKNESS)
    with Locations(*[Location((x, THICKNESS, mid), (-90, 0, 0)) for x in (15, 45)]):
        Hole(radius=HOLE / 2, depth=THICKNESS)

root_part = bracket.part
