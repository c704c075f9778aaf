import io

import build123d as bd
import numpy as np
import pytest
from PIL import Image

from app.export import mesh as meshing
from app.export import preview


@pytest.fixture(scope="module")
def renderer() -> preview.PreviewRenderer:
    return preview.PreviewRenderer()


def pixels(image: preview.Image) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(image.png)).convert("RGB"), dtype=np.int16)


def drawn_fraction(image: preview.Image) -> float:
    background = np.array(preview.BACKGROUND) * 255
    return float((np.abs(pixels(image) - background).sum(axis=2) > 30).mean())


def test_when_a_part_is_previewed_then_every_view_has_the_size_is_not_blank_and_differs(renderer):
    part = bd.Box(30, 20, 10) + bd.Pos(10, 0, 5) * bd.Cylinder(4, 10)
    images = renderer.render(meshing.tessellate(part, "normal"), list(preview.VIEWS), 200)
    assert list(images) == ["iso", "front", "top", "right"]
    for image in images.values():
        assert Image.open(io.BytesIO(image.png)).size == (200, 200)
        assert drawn_fraction(image) > 0.1
    digests = {image.png for image in images.values()}
    assert len(digests) == 4


def test_when_the_same_mesh_is_previewed_twice_then_the_images_are_identical(renderer):
    tessellated = meshing.tessellate(bd.Sphere(5) - bd.Box(4, 4, 20), "normal")
    first = renderer.render(tessellated, ["iso"], 128)["iso"].png
    renderer.render(meshing.tessellate(bd.Box(1, 2, 3), "normal"), ["top"], 300)
    assert renderer.render(tessellated, ["iso"], 128)["iso"].png == first


def test_when_a_wire_is_previewed_then_its_lines_are_drawn(renderer):
    image = renderer.render(meshing.tessellate(bd.Helix(4, 8, 2), "normal"), ["front"], 128)["front"]
    assert drawn_fraction(image) > 0.01
