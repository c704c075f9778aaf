/** How long one call takes, in milliseconds. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Times `a` and `b` alternately, `pairs` times each: other work on the machine then falls on both sides of a
 * pair alike, which a block of `a` followed by a block of `b` cannot promise.
 */
export async function timedPairs(
  pairs: number,
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
): Promise<Array<[number, number]>> {
  const times: Array<[number, number]> = [];
  for (let i = 0; i < pairs; i++) times.push([await timed(() => a(i)), await timed(() => b(i))]);
  return times;
}

export const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
