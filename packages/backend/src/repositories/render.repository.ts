/** The HTTP boundary to the build123d render service. */
export class RenderRepository {
  constructor(private readonly baseUrl: string) {}

  /** True when the service answers that its worker pool is warm. */
  async isReady(timeoutMs = 2000): Promise<boolean> {
    const res = await fetch(new URL("/readyz", this.baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.ok;
  }
}
