import type { Clock } from "../../src/lib/clock.js";

/** The real time plus an offset the test moves forward: expiry and grace periods without waiting. */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(opts: { days?: number; minutes?: number }): void {
    this.offsetMs += ((opts.days ?? 0) * 1440 + (opts.minutes ?? 0)) * 60_000;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
