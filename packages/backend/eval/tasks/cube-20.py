from build123d import *

root_part = Box(20, 20, 20)
