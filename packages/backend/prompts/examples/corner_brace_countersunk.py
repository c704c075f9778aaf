# Request: A flat L-shaped corner brace for furniture, 60 mm arms 15 mm wide and 3 mm thick, with two countersunk holes for 4 mm wood screws in each arm.
from build123d import *

ARM = 60  # @param mm min=25 max=200 "Arm length"
WIDTH = 15  # @param mm min=8 max=50 "Arm width"
THICKNESS = 3  # @param mm min=1.5 max=10 step=0.5 "Thickness"
SCREW = 4.5  # @param mm min=2 max=8 step=0.1 "Screw hole diameter"
HEAD = 8.5  # @param mm min=4 max=16 step=0.1 "Countersink diameter at the surface"
CORNER = 3  # @param mm min=0.5 max=7 step=0.5 "Outer corner radius"

with BuildPart() as brace:
    with BuildSketch():
        with BuildLine():
            Polyline((0, 0), (ARM, 0), (ARM, WIDTH), (WIDTH, WIDTH), (WIDTH, ARM), (0, ARM), close=True)
        make_face()
    extrude(amount=THICKNESS)
    # Round the outside corners only: the vertical edges away from the inside corner.
    inside_corner = brace.edges().filter_by(Axis.Z).sort_by_distance((WIDTH, WIDTH, 0))[0]
    fillet(brace.edges().filter_by(Axis.Z) - [inside_corner], radius=CORNER)
    top = brace.faces().sort_by(Axis.Z)[-1]
    holes = [(ARM * 0.45, WIDTH / 2), (ARM * 0.85, WIDTH / 2), (WIDTH / 2, ARM * 0.45), (WIDTH / 2, ARM * 0.85)]
    # Countersinks start at their location, so the holes sit on the top face's height. Wood and metric
    # flat-head screws have 90° heads; build123d's default is 82°.
    with Locations(*[(x, y, THICKNESS) for x, y in holes]):
        CounterSinkHole(radius=SCREW / 2, counter_sink_radius=HEAD / 2, counter_sink_angle=90)

root_part = brace.part
