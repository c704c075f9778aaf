from build123d import *
import math

TEETH = 20
MODULE = 1.5
THICKNESS = 6
BORE = 5
PRESSURE_ANGLE = 20

pitch_r = MODULE * TEETH / 2
base_r = pitch_r * math.cos(math.radians(PRESSURE_ANGLE))
tip_r = pitch_r + MODULE
root_r = pitch_r - 1.25 * MODULE


def involute(alpha: float) -> float:
    return math.tan(alpha) - alpha


def flank_half_angle(r: float) -> float:
    """Half the tooth's angular width at radius r for an involute tooth of standard thickness."""
    alpha = math.acos(min(1.0, base_r / r))
    return math.pi / (2 * TEETH) + involute(math.radians(PRESSURE_ANGLE)) - involute(alpha)


def polar(r: float, a: float) -> tuple[float, float]:
    return (r * math.cos(a), r * math.sin(a))


start_r = max(base_r, root_r)
radii = [start_r + (tip_r - start_r) * i / 8 for i in range(9)]
step = 2 * math.pi / TEETH

with BuildPart() as gear:
    with BuildSketch():
        with BuildLine():
            for i in range(TEETH):
                c = i * step
                right = [polar(r, c - flank_half_angle(r)) for r in radii]
                left = [polar(r, c + flank_half_angle(r)) for r in reversed(radii)]
                next_root = polar(root_r, c + step - flank_half_angle(start_r))
                # Root circle to the base circle runs radially; above it the flanks are involutes.
                Line(polar(root_r, c - flank_half_angle(start_r)), right[0])
                Spline(*right)
                ThreePointArc(right[-1], polar(tip_r, c), left[0])
                Spline(*left)
                Line(left[-1], polar(root_r, c + flank_half_angle(start_r)))
                ThreePointArc(polar(root_r, c + flank_half_angle(start_r)), polar(root_r, c + step / 2), next_root)
        make_face()
        Circle(BORE / 2, mode=Mode.SUBTRACT)
    extrude(amount=THICKNESS)

root_part = gear.part
