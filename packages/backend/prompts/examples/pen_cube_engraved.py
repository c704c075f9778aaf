# Request: A 60 mm cube pen holder with a 50 mm deep pocket and the name ADA engraved 1 mm deep into its front face.
from build123d import *

SIZE = 60  # @param mm min=30 max=150 "Cube size"
POCKET_WALL = 4  # @param mm min=2 max=15 step=0.5 "Wall around the pocket"
POCKET_DEPTH = 50  # @param mm min=10 max=140 "Pocket depth"
NAME = "ADA"
LETTERS = 18  # @param mm min=5 max=50 "Letter size"
ENGRAVE = 1  # @param mm min=0.3 max=4 step=0.1 "Engraving depth"

with BuildPart() as holder:
    Box(SIZE, SIZE, SIZE, align=(Align.CENTER, Align.CENTER, Align.MIN))
    top = holder.faces().sort_by(Axis.Z)[-1]
    with BuildSketch(top):
        Rectangle(SIZE - 2 * POCKET_WALL, SIZE - 2 * POCKET_WALL)
    extrude(amount=-POCKET_DEPTH, mode=Mode.SUBTRACT)
    # The front face looks towards -Y. Sketching on the face itself would use its own axes (x up, here), so
    # the text would run sideways: an upright plane on the face instead. A negative extrude goes inwards.
    front = holder.faces().sort_by(Axis.Y)[0]
    with BuildSketch(Plane(origin=front.center(), x_dir=(1, 0, 0), z_dir=front.normal_at())):
        Text(NAME, font_size=LETTERS)
    extrude(amount=-ENGRAVE, mode=Mode.SUBTRACT)

root_part = holder.part
