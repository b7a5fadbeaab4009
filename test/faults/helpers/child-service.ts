import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';

/**
 * A server process a fault test owns: started, killed, frozen (SIGSTOP) and thawed at will. Its
 * output is kept (the tail is shown when something goes wrong) and its exit is observed, so a
 * test can assert that a process stayed up.
 */
export class ChildService {
  private child?: ChildProcess;
  private output = '';
  exitCode: number | null | undefined;
  private exitWaiters: Array<(code: number | null) => void> = [];

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly options: SpawnOptions = {},
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined;
  }

  start(): void {
    this.exitCode = undefined;
    const child = spawn(this.command, this.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...this.options,
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? -1 : null);
      for (const waiter of this.exitWaiters.splice(0)) waiter(this.exitCode);
    });
  }

  /** Resolves when `text` appears in the output (from now on or already), or fails on exit. */
  waitForOutput(text: string | RegExp, timeoutMs = 30000): Promise<void> {
    return new Promise((resolve, reject) => {
      const matches = () =>
        typeof text === 'string' ? this.output.includes(text) : text.test(this.output);
      if (matches()) return resolve();
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`${this.name}: no "${String(text)}" within ${timeoutMs} ms\n${this.tail()}`),
        );
      }, timeoutMs);
      const onData = () => {
        if (matches()) {
          cleanup();
          resolve();
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`${this.name} exited (${code}) before "${String(text)}"\n${this.tail()}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.child?.stdout?.off('data', onData);
        this.child?.stderr?.off('data', onData);
        this.exitWaiters = this.exitWaiters.filter((w) => w !== onExit);
      };
      this.child?.stdout?.on('data', onData);
      this.child?.stderr?.on('data', onData);
      this.exitWaiters.push(onExit);
    });
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child?.kill(signal);
  }

  /** Sends `signal` and resolves with the exit code once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    if (!this.running) return this.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => this.exitWaiters.push(resolve));
    if (signal !== 'SIGCONT') this.child?.kill('SIGCONT');
    this.child?.kill(signal);
    return exited;
  }

  tail(): string {
    return `--- ${this.name} output (tail) ---\n${this.output.slice(-3000)}`;
  }
}
