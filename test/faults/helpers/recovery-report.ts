/**
 * Measured recovery times, printed at the end of the run (the figures quoted in the README and
 * the changelog come from here). `sinceFault` counts from the dependency's return; `untilWorks`
 * from the first retry.
 */
export function reportRecovery(what: string, sinceFaultMs: number, untilWorksMs: number): void {
  process.stdout.write(
    `[recovery] ${what}: ${sinceFaultMs} ms (retrying for ${untilWorksMs} ms)\n`,
  );
}
