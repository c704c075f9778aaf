"""PNG previews with VTK drawing offscreen through Mesa (OSMesa, llvmpipe on the calling thread): the shaded
mesh with its B-rep edges, orthographic, fitted to a square frame on a neutral background.

The window is made and drawn once in the zygote, so a job process inherits a loaded driver and compiled
shaders and only draws."""

from dataclasses import dataclass

import numpy as np
import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  (registers the OpenGL implementations)
from vtkmodules.util.numpy_support import numpy_to_vtk, numpy_to_vtkIdTypeArray
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkIOImage import vtkPNGWriter
from vtkmodules.vtkRenderingCore import (
    vtkActor,
    vtkPolyDataMapper,
    vtkRenderer,
    vtkRenderWindow,
    vtkWindowToImageFilter,
)

from app.export.mesh import Mesh

BACKGROUND = (0.93, 0.94, 0.95)
SURFACE = (0.62, 0.70, 0.80)
EDGES = (0.12, 0.13, 0.16)
# Where the camera looks from, and which way is up in the picture (build123d is Z up; front looks along +Y).
VIEWS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "iso": ((1.0, -1.0, 1.0), (0.0, 0.0, 1.0)),
    "front": ((0.0, -1.0, 0.0), (0.0, 0.0, 1.0)),
    "top": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
    "right": ((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
}
_MARGIN = 1.08


@dataclass(frozen=True)
class Image:
    png: bytes
    width: int
    height: int


def _cells(connectivity: np.ndarray, sizes: np.ndarray) -> vtkCellArray:
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    cells = vtkCellArray()
    cells.SetData(numpy_to_vtkIdTypeArray(offsets, deep=True), numpy_to_vtkIdTypeArray(connectivity.astype(np.int64), deep=True))
    return cells


def _points(array: np.ndarray) -> vtkPoints:
    points = vtkPoints()
    points.SetData(numpy_to_vtk(np.ascontiguousarray(array, dtype=np.float64), deep=True))
    return points


class PreviewRenderer:
    def __init__(self) -> None:
        self._window = vtkRenderWindow()
        self._window.SetOffScreenRendering(1)
        self._window.SetMultiSamples(0)
        self._renderer = vtkRenderer()
        self._renderer.SetBackground(*BACKGROUND)
        # No anti-aliasing: FXAA would triple the drawing time on the CPU, for edges that look the same at 512 px.
        self._window.AddRenderer(self._renderer)
        self._surface = vtkActor()
        self._surface_mapper = vtkPolyDataMapper()
        self._surface.SetMapper(self._surface_mapper)
        surface = self._surface.GetProperty()
        surface.SetColor(*SURFACE)
        surface.SetAmbient(0.25)
        surface.SetDiffuse(0.7)
        surface.SetSpecular(0.15)
        surface.SetSpecularPower(20)
        self._edges = vtkActor()
        self._edge_mapper = vtkPolyDataMapper()
        # Lines lie on the surface they bound: pull them towards the camera so the visible ones win the depth test.
        self._edge_mapper.SetRelativeCoincidentTopologyLineOffsetParameters(0, -4)
        self._edges.SetMapper(self._edge_mapper)
        self._edges.GetProperty().SetColor(*EDGES)
        self._edges.GetProperty().LightingOff()
        self._renderer.AddActor(self._surface)
        self._renderer.AddActor(self._edges)
        self._renderer.GetActiveCamera().ParallelProjectionOn()

    def render(self, mesh: Mesh, views: list[str], size: int) -> dict[str, Image]:
        self._load(mesh)
        self._window.SetSize(size, size)
        self._edges.GetProperty().SetLineWidth(max(1.0, size / 400))
        points = np.concatenate([mesh.positions, *mesh.edges]) if mesh.edges else mesh.positions
        return {view: self._draw(view, points, size) for view in views}

    def _load(self, mesh: Mesh) -> None:
        surface = vtkPolyData()
        surface.SetPoints(_points(mesh.positions))
        surface.SetPolys(_cells(mesh.triangles.reshape(-1), np.full(len(mesh.triangles), 3)))
        surface.GetPointData().SetNormals(numpy_to_vtk(np.ascontiguousarray(mesh.normals, dtype=np.float32), deep=True))
        self._surface_mapper.SetInputData(surface)
        self._surface.SetVisibility(bool(len(mesh.triangles)))
        lines = vtkPolyData()
        polylines = [line for line in mesh.edges if len(line) >= 2]
        if polylines:
            lines.SetPoints(_points(np.concatenate(polylines)))
            sizes = np.array([len(line) for line in polylines])
            lines.SetLines(_cells(np.arange(sizes.sum()), sizes))
        self._edge_mapper.SetInputData(lines)

    def _draw(self, view: str, points: np.ndarray, size: int) -> Image:
        direction, up = (np.asarray(v, dtype=np.float64) for v in VIEWS[view])
        direction /= np.linalg.norm(direction)
        right = np.cross(up, direction)
        right /= np.linalg.norm(right)
        true_up = np.cross(direction, right)
        # Fit what is drawn: its extent across the picture, measured along the camera's own axes.
        across, along_up, depth = points @ right, points @ true_up, points @ direction
        middle = right * (across.max() + across.min()) / 2 + true_up * (along_up.max() + along_up.min()) / 2
        middle += direction * (depth.max() + depth.min()) / 2
        half = max(np.ptp(across), np.ptp(along_up), 1e-6) / 2 * _MARGIN
        reach = max(np.ptp(depth), half) * 2 + 1
        camera = self._renderer.GetActiveCamera()
        camera.SetFocalPoint(*middle)
        camera.SetPosition(*(middle + direction * reach))
        camera.SetViewUp(*true_up)
        camera.SetParallelScale(half)
        camera.SetClippingRange(reach - np.ptp(depth) - 1, reach + np.ptp(depth) + 1)
        self._renderer.ResetCameraClippingRange()
        self._window.Render()
        grab = vtkWindowToImageFilter()
        grab.SetInput(self._window)
        grab.ShouldRerenderOff()  # just drawn
        grab.ReadFrontBufferOff()
        grab.Update()
        writer = vtkPNGWriter()
        writer.WriteToMemoryOn()
        writer.SetInputConnection(grab.GetOutputPort())
        writer.Write()
        return Image(bytes(memoryview(writer.GetResult())), size, size)
