from build123d import *

WIRE = 2
OUTER = 20
PITCH = 6
TURNS = 5

coil_radius = OUTER / 2 - WIRE / 2

with BuildPart() as spring:
    with BuildLine() as path:
        Helix(pitch=PITCH, height=PITCH * TURNS, radius=coil_radius, center=(0, 0, WIRE / 2))
    # The wire's section, square to the helix where it starts.
    with BuildSketch(Plane(origin=path.line @ 0, z_dir=path.line % 0)):
        Circle(WIRE / 2)
    sweep(is_frenet=True)

root_part = spring.part
