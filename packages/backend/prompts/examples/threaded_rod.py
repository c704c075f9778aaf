# Request: An M10 threaded rod 30 mm long with a real helical ISO thread (1.5 mm pitch).
from build123d import *
import math

MAJOR = 10  # @param mm min=3 max=30 step=0.5 "Major diameter"
PITCH = 1.5  # @param mm min=0.5 max=4 step=0.05 "Pitch"
LENGTH = 30  # @param mm min=5 max=150 "Length"

# ISO metric external thread: 60° flanks, 0.6134 x pitch deep, a flat crest of pitch / 8.
depth = 0.6134 * PITCH
minor_r = MAJOR / 2 - depth
crest = PITCH / 8
tan30 = math.tan(math.radians(30))
# The tooth's foot reaches a little into the core so the two fuse into one solid; its width there must stay
# below the pitch, or each turn would overlap the next.
inside = 0.1 * PITCH
foot = crest / 2 + (depth + inside) * tan30

core = Cylinder(minor_r, LENGTH, align=(Align.CENTER, Align.CENTER, Align.MIN))
# Helix(pitch, height, radius): the thread stops half a pitch short of each end.
helix = Helix(PITCH, LENGTH - PITCH, minor_r - inside, center=(0, 0, PITCH / 2))
# The tooth's section in the XZ plane, where the helix starts (on +X); Plane.XZ's local y is global Z.
tooth = Plane.XZ * Polygon(
    (minor_r - inside, -foot),
    (MAJOR / 2, -crest / 2),
    (MAJOR / 2, crest / 2),
    (minor_r - inside, foot),
    align=None,
)
# is_frenet keeps the section upright as it climbs; without it the tooth twists off the helix.
thread = sweep(Pos(0, 0, PITCH / 2) * tooth, path=helix, is_frenet=True)

root_part = core + thread
