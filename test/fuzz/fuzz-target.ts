import { LoggerService } from '@nestjs/common';
import { CryptoProvider } from '../../src/auth/crypto/crypto-provider';
import { CHAIN_TRACKER } from '../../src/payments/chain-tracker.provider';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { ProbeModule } from '../helpers/probe.module';
import { TestChainTracker } from '../helpers/test-chain-tracker';
import { testEnvironment } from '../helpers/test-environment';

/** Records what the app logs at error level: an unexpected error is a failed property. */
class ErrorRecorder implements LoggerService {
  readonly errors: string[] = [];
  log(): void {}
  warn(): void {}
  debug(): void {}
  verbose(): void {}
  error(message: unknown, ...rest: unknown[]): void {
    this.errors.push(
      [message, ...rest]
        .map((p) => String(p))
        .join(' ')
        .slice(0, 2000),
    );
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.error(message, ...rest);
  }
}

/** The real app, as production wires it, on 127.0.0.1, with what the surfaces need around it. */
export interface FuzzTarget {
  app: TestApp;
  url: string;
  serverKey: string;
  tracker: TestChainTracker;
  /** Error-level log lines since start; surfaces compare lengths before and after an input. */
  errors: string[];
  close(): Promise<void>;
}

export async function startFuzzTarget(): Promise<FuzzTarget> {
  const tracker = new TestChainTracker();
  const app = await createTestApp(testEnvironment(), [ProbeModule], 0, (b) =>
    b.overrideProvider(CHAIN_TRACKER).useValue(tracker),
  );
  const recorder = new ErrorRecorder();
  app.app.useLogger(recorder);
  return {
    app,
    url: app.url,
    serverKey: app.app.get(CryptoProvider).identityKey,
    tracker,
    errors: recorder.errors,
    close: () => app.close(),
  };
}
