import { loadRegressions } from '../fuzz/corpus';
import { fuzzSurface } from '../fuzz/fuzz-session';
import { FuzzTarget, startFuzzTarget } from '../fuzz/fuzz-target';
import { checkInput } from '../fuzz/surface';
import { SURFACES, surfaceNamed } from '../fuzz/surfaces';

/**
 * The fuzzing harness inside `npm test`: every failure the fuzzer ever found, replayed on the real
 * app, and a short pass over each surface with a fixed seed (so that CI is reproducible; the long
 * random runs are `npm run fuzz`).
 */
describe('fuzzing surfaces (bounded pass)', () => {
  let target: FuzzTarget;

  beforeAll(async () => {
    target = await startFuzzTarget();
  });

  afterAll(async () => {
    await target.close();
  });

  const regressions = loadRegressions();

  it('keeps a regression case for every bug the fuzzer found', () => {
    expect(regressions.length).toBeGreaterThan(0);
    for (const c of regressions) expect(SURFACES.map((s) => s.name)).toContain(c.surface);
  });

  it.each(regressions.map((c) => [c.file, c] as const))(
    'regression %s no longer fails',
    async (_file, c) => {
      const surface = surfaceNamed(c.surface);
      await surface.setup?.(target);
      try {
        await expect(checkInput(surface, target, c.input)).resolves.toBeUndefined();
      } finally {
        await surface.teardown?.();
      }
    },
  );

  it.each(SURFACES.map((s) => [s.name, s] as const))(
    '%s holds its properties for 12 generated inputs',
    async (_name, surface) => {
      const report = await fuzzSurface(surface, target, { numRuns: 12, seed: 20261130 });
      expect(report.findings).toEqual([]);
      expect(report.inputs).toBe(12);
    },
  );
});
