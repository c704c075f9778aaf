# Request: A wall coat hook bent from 8 mm round rod: a 40 mm tall back fused to a round 30 mm wall plate with a screw hole, a 35 mm arm out from the wall, and an upturned 15 mm tip, with 8 mm bends.
from build123d import *

ROD = 8  # @param mm min=4 max=20 step=0.5 "Rod diameter"
BACK = 40  # @param mm min=15 max=150 "Back height"
ARM = 35  # @param mm min=15 max=150 "Arm length"
TIP = 15  # @param mm min=5 max=60 "Tip height"
BEND = 8  # @param mm min=4 max=30 "Bend radius (centreline)"
PLATE = 30  # @param mm min=15 max=80 "Wall plate diameter"
PLATE_THICKNESS = 4  # @param mm min=2 max=10 step=0.5 "Wall plate thickness"
SCREW = 4.5  # @param mm min=2 max=8 step=0.5 "Screw hole diameter"

with BuildPart() as hook:
    # The rod's centreline in the XZ plane (x out from the wall, z up), its corners rounded for the bends.
    with BuildLine(Plane.XZ) as path:
        FilletPolyline((0, 0), (0, BACK), (ARM, BACK), (ARM, BACK + TIP), radius=BEND)
    # The rod's section, square to the path where it starts (pointing up the back).
    with BuildSketch(Plane(origin=path.line @ 0, z_dir=path.line % 0)):
        Circle(ROD / 2)
    sweep()
    # The wall plate: a disc against the wall (x = 0 side), the rod's foot fused into it.
    with BuildSketch(Plane.YZ.offset(-ROD / 2)):
        Circle(PLATE / 2)
    extrude(amount=PLATE_THICKNESS)
    with Locations(Location((-ROD / 2, 0, -PLATE / 4), (0, -90, 0))):
        Hole(radius=SCREW / 2, depth=PLATE_THICKNESS)

root_part = hook.part
