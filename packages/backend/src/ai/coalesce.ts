/**
 * Text deltas as they stream, handed on in order and at most every `intervalMs` (≤ 20 events a second at
 * 50 ms), so a fast model does not flood every open stream with one event per token.
 */
export class DeltaCoalescer {
  private pending = "";
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private length = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (delta: { seq: number; delta: string; length: number }) => Promise<void>,
  ) {}

  push(text: string) {
    if (!text) return;
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends what is pending now; resolves once everything pushed so far has been sent. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending) {
      const delta = this.pending;
      this.pending = "";
      this.length += delta.length;
      const event = { seq: ++this.seq, delta, length: this.length };
      this.chain = this.chain.then(() => this.send(event)).catch(() => undefined);
    }
    return this.chain;
  }
}
