import fc from 'fast-check';
import { FuzzTarget } from './fuzz-target';
import { fail, withinBudget } from './property-failure';

/**
 * One protocol surface: how to generate hostile inputs for it (JSON-serialisable, so that a
 * failure can be kept as a regression case) and the check that one input satisfies every
 * property on the real code path.
 */
export interface Surface<T> {
  name: string;
  /** Per-input time budget (ms): a slower input is a failure. */
  budgetMs: number;
  /** Prepares per-run state (sessions, peers) once; the checks may reuse it. */
  setup?(target: FuzzTarget): Promise<void>;
  teardown?(): Promise<void>;
  arbitrary(target: FuzzTarget): fc.Arbitrary<T>;
  check(target: FuzzTarget, input: T): Promise<void>;
}

/**
 * Most heap one input may add; beyond it, memory per input is not bounded. Measured as growth, not
 * as an absolute ceiling: under `jest --runInBand` this process also holds every earlier suite.
 */
const HEAP_GROWTH_LIMIT_BYTES = 512 * 1024 * 1024;

/** Runs one input with the harness-wide properties around the surface's own. */
export async function checkInput<T>(
  surface: Surface<T>,
  target: FuzzTarget,
  input: T,
): Promise<void> {
  const errorsBefore = target.errors.length;
  const heapBefore = process.memoryUsage().heapUsed;
  await withinBudget(surface.check(target, input), surface.budgetMs, `${surface.name} input`);
  const logged = target.errors.slice(errorsBefore);
  if (logged.length > 0) fail(`the server logged an unexpected error: ${logged[0]}`);
  const grown = process.memoryUsage().heapUsed - heapBefore;
  if (grown > HEAP_GROWTH_LIMIT_BYTES) fail(`heap grew by ${Math.round(grown / 1048576)} MB`);
}
