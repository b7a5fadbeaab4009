import { settlesWithin } from './auth-clients';

/** A queue of callback values (e.g. onMessage) that a test can await one by one. */
export class Inbox<T> {
  readonly items: T[] = [];
  private waiting: Array<(item: T) => void> = [];
  private read = 0;

  readonly push = (item: T): void => {
    this.items.push(item);
    const w = this.waiting.shift();
    if (w) {
      this.read++;
      w(item);
    }
  };

  next(ms = 5000, what = 'live message'): Promise<T> {
    if (this.read < this.items.length) return Promise.resolve(this.items[this.read++]);
    return settlesWithin(new Promise<T>((resolve) => this.waiting.push(resolve)), ms, what);
  }
}
