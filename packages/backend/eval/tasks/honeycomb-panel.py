from build123d import *

LENGTH = 120
WIDTH = 80
THICKNESS = 4
ACROSS_FLATS = 10
PITCH = 12
ROWS = 5
PER_ROW = 9

row_pitch = PITCH * 3**0.5 / 2
centres = [
    ((i - (PER_ROW - 1) / 2) * PITCH + (PITCH / 4 if r % 2 else -PITCH / 4), (r - (ROWS - 1) / 2) * row_pitch)
    for r in range(ROWS)
    for i in range(PER_ROW)
]

with BuildPart() as panel:
    Box(LENGTH, WIDTH, THICKNESS)
    with BuildSketch(panel.faces().sort_by(Axis.Z)[-1]):
        with Locations(*centres):
            # Flats face the neighbours in the row, so the webs between holes are even.
            RegularPolygon(ACROSS_FLATS / 2, 6, major_radius=False, rotation=30)
    extrude(amount=-THICKNESS, mode=Mode.SUBTRACT)

root_part = panel.part
