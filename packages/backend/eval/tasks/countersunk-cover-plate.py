from build123d import *

LENGTH = 90
WIDTH = 40
THICKNESS = 4
HOLE = 4.5
SINK = 9

with BuildPart() as plate:
    Box(LENGTH, WIDTH, THICKNESS)
    with Locations(plate.faces().sort_by(Axis.Z)[-1]):
        with GridLocations(70, 25, 2, 2):
            # build123d's default countersink is 82°, the imperial one; metric flat heads are 90°.
            CounterSinkHole(radius=HOLE / 2, counter_sink_radius=SINK / 2, counter_sink_angle=90)

root_part = plate.part
