from build123d import *

LENGTH = 64  # @param mm min=30 max=160 "Length"
DEPTH = 32  # @param mm min=16 max=80 "Depth"
HEIGHT = 40  # @param mm min=20 max=120 "Height"
THICKNESS = 5  # @param mm min=2 max=12 "Wall thickness"
HOLE = 5.5  # @param mm min=3 max=10 "Hole diameter"

T = THICKNESS
base = Box(LENGTH, DEPTH, T, align=(Align.CENTER, Align.MIN, Align.MIN))
wall = Box(LENGTH, T, HEIGHT, align=(Align.CENTER, Align.MIN, Align.MIN))
bracket = base + wall
inner = [e for e in bracket.edges().filter_by(Axis.X) if abs(e.center().Y - T) < 1e-6 and abs(e.center().Z - T) < 1e-6]
bracket = fillet(inner, radius=T)

# Two gussets stiffen the corner.
profile = Polygon((T, T), (T + 0.75 * (DEPTH - T), T), (T, T + 0.75 * (HEIGHT - T)), align=None)
for x in (-LENGTH / 2, LENGTH / 2 - T):
    bracket += extrude(Plane.YZ.offset(x) * profile, amount=T)

# Mounting holes: two down through the base, two through the wall.
for x in (-LENGTH / 4, LENGTH / 4):
    bracket -= Pos(x, T + (DEPTH - T) * 0.55, 0) * Cylinder(HOLE / 2, 3 * T)
    bracket -= Pos(x, 0, T + (HEIGHT - T) * 0.6) * Rot(90, 0, 0) * Cylinder(HOLE / 2, 3 * T)

# Turned so the default view looks into the corner.
root_part = Rot(0, 0, 180) * bracket
