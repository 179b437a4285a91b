import { readFileSync, writeFileSync } from 'node:fs';

/** The kernel's peak RSS of this process (VmHWM) in bytes, or undefined off Linux. */
function readHighWaterMark(): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0); false when not allowed. */
function resetHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Peak resident set size of the whole process (main thread, worker threads, drivers, and the
 * embedded engine's WebAssembly memory) per segment of work: `process.memoryUsage.rss()` is
 * sampled every `intervalMs`, and on Linux the kernel's high-water mark, reset at every
 * segment boundary, catches peaks between two samples (or while the event loop is busy).
 */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private segmentPeak = 0;
  private overallPeak = 0;
  private kernelPeaks: boolean;

  constructor(private readonly intervalMs = 50) {
    this.kernelPeaks = resetHighWaterMark();
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  /** Peak RSS in bytes since the previous segment (or start); begins the next segment. */
  segment(): number {
    const current = this.sample();
    let peak = this.segmentPeak;
    if (this.kernelPeaks) {
      peak = Math.max(peak, readHighWaterMark() ?? 0);
      this.kernelPeaks = resetHighWaterMark();
    }
    this.overallPeak = Math.max(this.overallPeak, peak);
    this.segmentPeak = current;
    return peak;
  }

  /** Stops sampling; the peak RSS in bytes over everything since start. */
  stop(): number {
    this.segment();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return this.overallPeak;
  }

  private sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.segmentPeak) this.segmentPeak = rss;
    return rss;
  }
}
