from build123d import *

WIDTH = 30
BASE_LEG = 40
UPRIGHT_LEG = 60
THICKNESS = 5
HOLE = 5
HOLE_SPACING = 16

with BuildPart() as bracket:
    with BuildSketch(Plane.XZ):
        with BuildLine():
            Polyline(
                (0, 0),
                (BASE_LEG, 0),
                (BASE_LEG, THICKNESS),
                (THICKNESS, THICKNESS),
                (THICKNESS, UPRIGHT_LEG),
                (0, UPRIGHT_LEG),
                close=True,
            )
        make_face()
    extrude(amount=WIDTH / 2, both=True)
    # Halfway along the free part of each leg, two holes across the width.
    base_mid = (THICKNESS + BASE_LEG) / 2
    upright_mid = (THICKNESS + UPRIGHT_LEG) / 2
    with Locations(*[(base_mid, y, THICKNESS) for y in (-HOLE_SPACING / 2, HOLE_SPACING / 2)]):
        Hole(radius=HOLE / 2, depth=THICKNESS)
    with Locations(*[Location((THICKNESS, y, upright_mid), (0, 90, 0)) for y in (-HOLE_SPACING / 2, HOLE_SPACING / 2)]):
        Hole(radius=HOLE / 2, depth=THICKNESS)

root_part = bracket.part
