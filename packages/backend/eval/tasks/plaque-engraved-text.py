from build123d import *

LENGTH = 70
WIDTH = 25
THICKNESS = 5
DEPTH = 1
LETTERS = 12

with BuildPart() as plaque:
    Box(LENGTH, WIDTH, THICKNESS, align=(Align.CENTER, Align.CENTER, Align.MIN))
    with BuildSketch(plaque.faces().sort_by(Axis.Z)[-1]):
        Text("CHAT3D", font_size=LETTERS)
    extrude(amount=-DEPTH, mode=Mode.SUBTRACT)

root_part = plaque.part
