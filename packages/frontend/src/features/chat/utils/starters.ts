/** Scripts a person can start from: each binds `root_part` and marks its dimensions with `# @param`. */
export type Starter = { id: string; name: string; description: string; code: string };

export const STARTERS: readonly Starter[] = [
  {
    id: "rounded-box",
    name: "Rounded box",
    description: "A block with filleted edges: the smallest script with sliders.",
    code: `from build123d import *

WIDTH = 40  # @param mm min=10 max=200 step=1 "Width"
DEPTH = 30  # @param mm min=10 max=200 step=1 "Depth"
HEIGHT = 12  # @param mm min=2 max=80 step=1 "Height"
RADIUS = 3  # @param mm min=0 max=10 step=0.5 "Edge rounding"

box = Box(WIDTH, DEPTH, HEIGHT)
root_part = fillet(box.edges(), radius=min(RADIUS, HEIGHT / 2 - 0.01)) if RADIUS > 0 else box
`,
  },
  {
    id: "spacer",
    name: "Spacer ring",
    description: "A washer with a bore and an optional chamfer.",
    code: `from build123d import *

OUTER = 24  # @param mm min=6 max=120 step=1 "Outer diameter"
BORE = 8  # @param mm min=1 max=100 step=0.5 "Bore diameter"
THICKNESS = 5  # @param mm min=1 max=50 step=0.5 "Thickness"
CHAMFERED = True  # @param "Chamfer the edges"

ring = Cylinder(OUTER / 2, THICKNESS) - Cylinder(min(BORE, OUTER - 2) / 2, THICKNESS)
root_part = chamfer(ring.edges(), length=min(0.5, THICKNESS / 4)) if CHAMFERED else ring
`,
  },
  {
    id: "bracket",
    name: "Angle bracket",
    description: "An L-bracket with mounting holes in both legs.",
    code: `from build123d import *

LENGTH = 60  # @param mm min=20 max=200 step=1 "Leg length"
WIDTH = 25  # @param mm min=10 max=100 step=1 "Width"
THICKNESS = 4  # @param mm min=2 max=12 step=0.5 "Plate thickness"
HOLE = 5  # @param mm min=2 max=12 step=0.5 "Hole diameter"
HOLES = "two"  # @param choices=one|two|three "Holes per leg"

plate = Box(LENGTH, WIDTH, THICKNESS, align=(Align.MIN, Align.CENTER, Align.MIN))
wall = Box(THICKNESS, WIDTH, LENGTH, align=(Align.MIN, Align.CENTER, Align.MIN))
bracket = plate + wall
count = {"one": 1, "two": 2, "three": 3}[HOLES]
for i in range(count):
    offset = THICKNESS + (LENGTH - THICKNESS) * (i + 1) / (count + 1)
    bracket -= Pos(offset, 0, 0) * Cylinder(HOLE / 2, THICKNESS * 3)
    bracket -= Pos(0, 0, offset) * Rot(0, 90, 0) * Cylinder(HOLE / 2, THICKNESS * 3)
root_part = bracket
`,
  },
];
