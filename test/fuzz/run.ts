import fc from 'fast-check';
import { loadRegressions, saveRegression } from './corpus';
import { fuzzSurface, SurfaceReport } from './fuzz-session';
import { startFuzzTarget } from './fuzz-target';
import { checkInput } from './surface';
import { SURFACES, surfaceNamed } from './surfaces';

/**
 * `npm run fuzz -- --minutes N [--surface name] [--seed n] [--replay]`: fuzzes every surface in
 * turn against the real app on 127.0.0.1, N minutes in all, then prints the inputs tried per
 * surface and each failure with its shrunk input, saved as a regression case for `npm test`.
 */
function parseArgs(argv: string[]) {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const minutes = Number(value('minutes') ?? 1);
  if (!(minutes > 0)) throw new Error('--minutes must be a positive number');
  const seed = value('seed');
  return {
    minutes,
    surfaces: value('surface') ? [surfaceNamed(value('surface') as string)] : SURFACES,
    seed: seed === undefined ? undefined : Number(seed),
    replay: argv.includes('--replay'),
  };
}

/** The input for the report; deep inputs overflow a recursive printer. */
function printable(input: unknown): string {
  for (const print of [fc.stringify, JSON.stringify]) {
    try {
      const text = String(print(input));
      return text.length > 4000 ? `${text.slice(0, 4000)}… (${text.length} characters)` : text;
    } catch {
      continue;
    }
  }
  return '(too deeply nested to print; see the saved file)';
}

async function main(): Promise<number> {
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'error';
  const args = parseArgs(process.argv.slice(2));
  const uncaught: unknown[] = [];
  process.on('uncaughtException', (e) => uncaught.push(e));
  process.on('unhandledRejection', (e) => uncaught.push(e));
  const target = await startFuzzTarget();
  let failed = 0;
  try {
    if (args.replay) {
      for (const c of loadRegressions()) {
        const outcome = await checkInput(surfaceNamed(c.surface), target, c.input).then(
          () => 'ok',
          (e: unknown) => `FAILED: ${e instanceof Error ? e.message : String(e)}`,
        );
        if (outcome !== 'ok') failed++;
        console.log(`${c.file}: ${outcome}`);
      }
      return failed ? 1 : 0;
    }
    const perSurface = (args.minutes * 60000) / args.surfaces.length;
    const reports: SurfaceReport[] = [];
    for (const surface of args.surfaces) {
      const started = Date.now();
      const report = await fuzzSurface(surface, target, {
        timeLimitMs: perSurface,
        seed: args.seed,
      });
      reports.push(report);
      console.log(
        `${surface.name}: ${report.inputs} inputs in ${Math.round((Date.now() - started) / 1000)} s, ${report.findings.length} failure(s)`,
      );
      for (const f of report.findings) {
        f.path = saveRegression({
          surface: f.surface,
          note: `found by npm run fuzz: ${f.error}`,
          input: f.input,
        });
        console.log(
          `  FAILURE (seed ${f.seed}): ${f.error}\n  minimized input: ${printable(f.input)}\n  saved as ${f.path}`,
        );
      }
    }
    for (const e of uncaught) console.log(`UNCAUGHT: ${e instanceof Error ? e.stack : String(e)}`);
    const total = reports.reduce((n, r) => n + r.inputs, 0);
    failed = reports.reduce((n, r) => n + r.findings.length, 0) + uncaught.length;
    console.log(
      `\nfuzz summary: ${total} inputs; ${reports.map((r) => `${r.surface}=${r.inputs}`).join(' ')}; failures=${failed}`,
    );
    return failed ? 1 : 0;
  } finally {
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
