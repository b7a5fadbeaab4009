import { Logger } from '@nestjs/common';

const INTERVAL_MS = 10_000;

/**
 * During an outage every request fails the same way: one warning per interval (with how many
 * were folded into it) keeps the log readable and cheap.
 */
export class ThrottledWarning {
  private last = 0;
  private folded = 0;

  constructor(private readonly logger: Logger) {}

  warn(message: string): void {
    const now = Date.now();
    if (now - this.last < INTERVAL_MS) {
      this.folded++;
      return;
    }
    const suffix = this.folded > 0 ? ` (${this.folded} similar since the last warning)` : '';
    this.last = now;
    this.folded = 0;
    this.logger.warn(message + suffix);
  }
}
