// How fast a download goes and how long it has left, from what arrived when: the average
// over a sliding window of the last seconds, as browsers' download bars show it, so that
// a stall shows as a falling speed rather than the average since the start. Pure: the
// caller passes the clock.

export interface TransferEstimate {
  /** Bytes a second over the window; undefined until two samples span some time. */
  bytesPerSecond?: number;
  /** Seconds until `total` at that speed; undefined when the total or the speed is unknown. */
  etaSeconds?: number;
}

export class TransferRate {
  private readonly samples: { ms: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  /** `bytes` transferred so far (a running total, not a delta) at time `ms`. */
  add(ms: number, bytes: number): void {
    this.samples.push({ ms, bytes });
    // Keep one sample older than the window, so the window is always spanned.
    while (this.samples.length > 2 && ms - this.samples[1]!.ms > this.windowMs) this.samples.shift();
  }

  estimate(total: number | undefined): TransferEstimate {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.ms - first.ms < 200) return {};
    const bytesPerSecond = ((last.bytes - first.bytes) * 1000) / (last.ms - first.ms);
    if (total === undefined || bytesPerSecond <= 0) return { bytesPerSecond };
    return { bytesPerSecond, etaSeconds: Math.max(0, total - last.bytes) / bytesPerSecond };
  }
}
