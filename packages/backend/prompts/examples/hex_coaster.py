# Request: A round drinks coaster 100 mm across and 5 mm thick with a raised 2 mm rim and a honeycomb of hexagonal cut-outs in the middle.
from build123d import *
import math

DIAMETER = 100  # @param mm min=50 max=200 "Diameter"
THICKNESS = 5  # @param mm min=2 max=12 step=0.5 "Thickness"
RIM_WIDTH = 6  # @param mm min=2 max=20 step=0.5 "Rim width"
RIM_HEIGHT = 2  # @param mm min=0 max=8 step=0.5 "Rim height above the top"
CELL = 8  # @param mm min=3 max=30 step=0.5 "Hexagon across flats"
WEB = 2  # @param mm min=1 max=8 step=0.5 "Web between hexagons"
FLOOR = 2  # @param mm min=1 max=5 step=0.5 "Floor under the cut-outs"

with BuildPart() as coaster:
    Cylinder(DIAMETER / 2, THICKNESS, align=(Align.CENTER, Align.CENTER, Align.MIN))
    with Locations((0, 0, THICKNESS)):
        Cylinder(DIAMETER / 2, RIM_HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN))
        Cylinder(DIAMETER / 2 - RIM_WIDTH, RIM_HEIGHT, align=(Align.CENTER, Align.CENTER, Align.MIN), mode=Mode.SUBTRACT)
    # HexLocations' radius is half the spacing of neighbours; they sit along Y and at ±30°, so a default
    # RegularPolygon (a corner on +X) faces them with its flats and the webs come out even. Only the cells
    # wholly inside the rim (with a web to spare) are cut.
    corner = CELL / 2 / math.cos(math.radians(30))
    limit = DIAMETER / 2 - RIM_WIDTH - WEB - corner
    grid = HexLocations((CELL + WEB) / 2, 15, 15).locations
    inside = [loc for loc in grid if loc.position.length <= limit]
    with BuildSketch(Plane.XY.offset(THICKNESS)):
        with Locations(*inside):
            RegularPolygon(CELL / 2, 6, major_radius=False)
    extrude(amount=-(THICKNESS - FLOOR), mode=Mode.SUBTRACT)

root_part = coaster.part
