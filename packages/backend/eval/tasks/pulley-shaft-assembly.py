from build123d import *

SHAFT = 8
SHAFT_LENGTH = 60
PULLEY = 40
PULLEY_THICKNESS = 10
COLLAR = 16
COLLAR_LENGTH = 6

shaft = Cylinder(SHAFT / 2, SHAFT_LENGTH, align=(Align.CENTER, Align.CENTER, Align.MIN))
shaft.label = "shaft"

pulley_bottom = SHAFT_LENGTH / 2 - PULLEY_THICKNESS / 2
pulley = Pos(0, 0, pulley_bottom) * (
    Cylinder(PULLEY / 2, PULLEY_THICKNESS, align=(Align.CENTER, Align.CENTER, Align.MIN))
    - Cylinder(SHAFT / 2, PULLEY_THICKNESS, align=(Align.CENTER, Align.CENTER, Align.MIN))
)
pulley.label = "pulley"

collar = Pos(0, 0, pulley_bottom + PULLEY_THICKNESS) * (
    Cylinder(COLLAR / 2, COLLAR_LENGTH, align=(Align.CENTER, Align.CENTER, Align.MIN))
    - Cylinder(SHAFT / 2, COLLAR_LENGTH, align=(Align.CENTER, Align.CENTER, Align.MIN))
)
collar.label = "collar"

root_part = Compound(children=[shaft, pulley, collar])
