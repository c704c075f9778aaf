import { Vector3 } from "three";
import { describe, expect, it } from "vitest";
import { fittedState, gridLines, gridStep, keepsView, unionBox, VIEWS } from "./camera-fit";

const cube = (side: number) => unionBox([{ min: [-side / 2, -side / 2, 0], max: [side / 2, side / 2, side] }]);

describe("camera fit decisions", () => {
  it("when a cube of 12 mm is fitted and the next render is 20 mm (or 5 mm), then the camera is kept", () => {
    const state = fittedState(cube(12), VIEWS.iso, 35, 4 / 3);
    expect(keepsView(state, cube(20), 35, 4 / 3)).toBe(true);
    expect(keepsView(state, cube(5), 35, 4 / 3)).toBe(true);
  });

  it("when the new part reaches the camera, then it is fitted again", () => {
    const state = fittedState(cube(12), VIEWS.iso, 35, 4 / 3);
    expect(keepsView(state, cube(41), 35, 4 / 3)).toBe(false);
    expect(keepsView(state, cube(400), 35, 4 / 3)).toBe(false);
  });

  it("when the new part lies wholly outside the view, then it is fitted again", () => {
    const state = fittedState(cube(12), VIEWS.iso, 35, 4 / 3);
    const away = unionBox([{ min: [500, 500, 0], max: [510, 510, 10] }]);
    expect(keepsView(state, away, 35, 4 / 3)).toBe(false);
  });

  it("when two boxes are framed, then the fit looks at the middle of their union from the asked direction", () => {
    const box = unionBox([
      { min: [-5, -10, -15], max: [5, 10, 15] },
      { min: [-5, -10, -30], max: [5, 10, 30] },
    ]);
    expect(box.min.toArray()).toEqual([-5, -10, -30]);
    const state = fittedState(box, VIEWS.front, 35, 1);
    expect(state.target).toEqual([0, 0, 0]);
    const direction = new Vector3(...state.position).normalize();
    expect(direction.y).toBeCloseTo(-1);
  });

  it("when a grid step is chosen, then it is a round 1, 2 or 5 × 10ⁿ with about ten cells across", () => {
    expect(gridStep(5)).toBe(1);
    expect(gridStep(12)).toBe(5);
    expect(gridStep(60)).toBe(20);
    expect(gridStep(0.4)).toBe(0.1);
  });

  it("when grid lines are made, then they lie on the floor at the step, every fifth one major", () => {
    const { minor, major } = gridLines(cube(10), 5, 0);
    const xs = new Set<number>();
    for (let i = 0; i < minor.length; i += 3) {
      expect(minor[i + 2]).toBe(0);
      xs.add(Math.abs(minor[i]! % 5));
    }
    expect([...xs]).toEqual([0]);
    expect(major.length).toBeGreaterThan(0);
    for (let i = 0; i < major.length; i += 6) {
      const vertical = major[i] === major[i + 3];
      expect(((vertical ? major[i]! : major[i + 1]!) / 5) % 5).toBe(0);
    }
  });
});
