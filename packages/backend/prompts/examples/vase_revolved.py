# Request: A vase 150 mm tall with a curved, bottle-like outline (80 mm at the belly, 40 mm at the neck), 2 mm walls and a solid 3 mm base.
from build123d import *

HEIGHT = 150  # @param mm min=50 max=400 "Height"
BASE = 60  # @param mm min=20 max=200 "Base diameter"
BELLY = 80  # @param mm min=20 max=250 "Belly diameter"
NECK = 40  # @param mm min=10 max=200 "Neck diameter"
LIP = 50  # @param mm min=10 max=200 "Lip diameter"
WALL = 2  # @param mm min=1 max=6 step=0.5 "Wall thickness"

with BuildPart() as vase:
    # The outside's half-profile in the XZ plane, right of the Z axis, closed along the axis.
    with BuildSketch(Plane.XZ):
        with BuildLine():
            outline = Spline(
                (BASE / 2, 0),
                (BELLY / 2, HEIGHT * 0.35),
                (NECK / 2, HEIGHT * 0.8),
                (LIP / 2, HEIGHT),
            )
            Polyline(outline @ 1, (0, HEIGHT), (0, 0), outline @ 0)
        make_face()
    revolve(axis=Axis.Z)
    # Shelling with the top face as the opening leaves walls (and the base) WALL thick.
    offset(amount=-WALL, openings=vase.faces().sort_by(Axis.Z)[-1])

root_part = vase.part
