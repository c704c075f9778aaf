from build123d import *

MAJOR = 8
PITCH = 1.25
SHANK = 25
ACROSS_FLATS = 13
HEAD = 5.3

# ISO metric external thread: 60° flanks, 0.6134 × pitch deep, flat crest of pitch / 8.
depth = 0.6134 * PITCH
minor_r = MAJOR / 2 - depth
crest = PITCH / 8
flank = 0.57735  # tan 30°: how much the tooth widens per mm of depth

with BuildPart() as bolt:
    with BuildSketch():
        RegularPolygon(ACROSS_FLATS / 2, 6, major_radius=False)
    extrude(amount=HEAD)
    with Locations((0, 0, HEAD)):
        Cylinder(minor_r, SHANK, align=(Align.CENTER, Align.CENTER, Align.MIN))

# The thread: the tooth's section swept along a helix. Its foot reaches into the core, so the two fuse into
# one solid instead of touching along a seam; it stops half a pitch short of the tip.
inside = 0.1
start = HEAD + PITCH / 2
helix = Helix(pitch=PITCH, height=SHANK - PITCH, radius=minor_r - inside, center=(0, 0, start))
foot = crest / 2 + (depth + inside) * flank
tooth = Plane.XZ * Polygon(
    (minor_r - inside, -foot),
    (MAJOR / 2, -crest / 2),
    (MAJOR / 2, crest / 2),
    (minor_r - inside, foot),
    align=None,
)
thread = sweep(Pos(0, 0, start) * tooth, path=helix, is_frenet=True)

root_part = bolt.part + thread
