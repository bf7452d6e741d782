/**
 * Runs `task` one at a time: asked while it runs, it runs once more right after, however many times it
 * was asked meanwhile. Asked when `allowed()` is false, it does nothing. With `spacingMs`, a run starts no
 * sooner than that long after the last one started: in a burst (200 claims a second, each waking the
 * relay) one run takes what several would have, while the first run after a quiet spell starts at once.
 */
export class SerialRunner {
  private running: Promise<void> | null = null;
  private waiting: { timer: NodeJS.Timeout; done: Promise<void> } | null = null;
  private again = false;
  private startedAt = 0;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly allowed: () => boolean,
    private readonly spacingMs = 0,
  ) {}

  request(): void {
    if (!this.allowed()) return;
    if (this.running || this.waiting) {
      this.again = true;
      return;
    }
    const wait = this.startedAt + this.spacingMs - Date.now();
    if (wait > 0) {
      let fire = () => {};
      const done = new Promise<void>((resolve) => (fire = resolve));
      const timer = setTimeout(() => {
        this.waiting = null;
        this.again = false; // what was asked while waiting, this run takes
        fire();
        this.request();
      }, wait);
      this.waiting = { timer, done };
      return;
    }
    this.startedAt = Date.now();
    this.running = this.task().finally(() => {
      this.running = null;
      if (!this.again) return;
      this.again = false;
      this.request();
    });
  }

  /** Resolves once no run is going on (nor asked for right after). */
  async idle(): Promise<void> {
    while (this.running || this.waiting) await (this.running ?? this.waiting!.done);
  }
}
