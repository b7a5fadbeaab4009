import fc from 'fast-check';
import { FuzzTarget } from './fuzz-target';
import { checkInput, Surface } from './surface';

export interface Finding {
  surface: string;
  /** The shrunk input, as JSON-compatible data. */
  input: unknown;
  error: string;
  seed: number;
  path?: string;
}

export interface SurfaceReport {
  surface: string;
  inputs: number;
  findings: Finding[];
}

export interface RunOptions {
  /** Stop generating after this long (the run still shrinks a failure it has found). */
  timeLimitMs?: number;
  /** Or after this many inputs. */
  numRuns?: number;
  seed?: number;
  /** Failures to collect before giving up on the surface (each one restarts generation). */
  maxFindings?: number;
}

/** Fuzzes one surface against the target: every input tried is counted, failures shrunk. */
export async function fuzzSurface(
  surface: Surface<unknown>,
  target: FuzzTarget,
  options: RunOptions,
): Promise<SurfaceReport> {
  const report: SurfaceReport = { surface: surface.name, inputs: 0, findings: [] };
  const deadline = Date.now() + (options.timeLimitMs ?? Number.POSITIVE_INFINITY);
  const seen = new Set<string>();
  await surface.setup?.(target);
  try {
    let seed = options.seed ?? Date.now() ^ (Math.random() * 0x7fffffff);
    while (report.findings.length < (options.maxFindings ?? 3)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const property = fc.asyncProperty(surface.arbitrary(target), async (input) => {
        report.inputs++;
        await checkInput(surface, target, input);
      });
      const result = await fc.check(property, {
        seed,
        numRuns: options.numRuns ?? Number.MAX_SAFE_INTEGER,
        interruptAfterTimeLimit: Number.isFinite(remaining) ? remaining : undefined,
        markInterruptAsFailure: false,
      });
      if (!result.failed || !result.counterexample) break;
      const error =
        result.errorInstance instanceof Error
          ? result.errorInstance.message
          : String(result.errorInstance);
      const key = error.replace(/[0-9a-f]{16,}/g, '…').slice(0, 120);
      if (!seen.has(key)) {
        seen.add(key);
        report.findings.push({
          surface: surface.name,
          input: result.counterexample[0],
          error,
          seed,
        });
      }
      if (options.numRuns !== undefined) break;
      seed = (seed * 1103515245 + 12345) | 0;
      // A surface in a broken state (e.g. its session lost) starts again from a clean one.
      await surface.teardown?.();
      await surface.setup?.(target);
    }
  } finally {
    await surface.teardown?.();
  }
  return report;
}
