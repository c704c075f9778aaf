from build123d import *

LENGTH = 100
WIDTH = 30
THICKNESS = 4
TEXT_HEIGHT = 1.5
LETTERS = 16

with BuildPart() as sign:
    Box(LENGTH, WIDTH, THICKNESS, align=(Align.CENTER, Align.CENTER, Align.MIN))
    with BuildSketch(sign.faces().sort_by(Axis.Z)[-1]):
        Text("HELLO", font_size=LETTERS)
    extrude(amount=TEXT_HEIGHT)

root_part = sign.part
