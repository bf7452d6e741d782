/**
 * Runs `task` one at a time: asked while it runs, it runs once more right after, however many times it
 * was asked meanwhile. Asked when `allowed()` is false, it does nothing.
 */
export class SerialRunner {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly allowed: () => boolean,
  ) {}

  request(): void {
    if (!this.allowed()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.task().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.request();
      }
    });
  }

  /** Resolves once no run is going on (nor asked for right after). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
