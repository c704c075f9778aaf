# Request: A spur gear with 24 teeth, module 2, 8 mm thick, with a 8 mm bore and a 3 mm keyway.
from build123d import *
import math

TEETH = 24  # @param min=8 max=120 "Number of teeth"
MODULE = 2  # @param mm min=0.5 max=6 step=0.25 "Module"
THICKNESS = 8  # @param mm min=2 max=50 "Thickness"
BORE = 8  # @param mm min=2 max=60 step=0.5 "Bore diameter"
KEYWAY = 3  # @param mm min=0 max=12 step=0.5 "Keyway width (0: none)"

pitch_radius = MODULE * TEETH / 2
outer_radius = pitch_radius + MODULE
root_radius = pitch_radius - 1.25 * MODULE
tooth_angle = 2 * math.pi / TEETH

# A simple trapezoidal tooth profile: good enough to print and mesh with its own kind.
profile = []
for i in range(TEETH):
    a = i * tooth_angle
    for r, da in (
        (root_radius, -0.5 * tooth_angle),
        (root_radius, -0.25 * tooth_angle),
        (outer_radius, -0.12 * tooth_angle),
        (outer_radius, 0.12 * tooth_angle),
        (root_radius, 0.25 * tooth_angle),
    ):
        profile.append((r * math.cos(a + da), r * math.sin(a + da)))

with BuildPart() as gear:
    with BuildSketch():
        Polygon(*profile)
        Circle(BORE / 2, mode=Mode.SUBTRACT)
        if KEYWAY > 0:
            with Locations((BORE / 2, 0)):
                Rectangle(KEYWAY, KEYWAY, mode=Mode.SUBTRACT)
    extrude(amount=THICKNESS)

root_part = gear.part
