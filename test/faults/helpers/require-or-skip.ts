/**
 * `describe` when the requirement holds; otherwise `describe.skip` with the reason in the suite
 * name, so Jest reports the tests as skipped (never as passed). Under CI=true a missing
 * requirement is a failure: CI must run everything.
 */
export function requireOrSkip(available: boolean, reason: string): jest.Describe {
  if (available) return describe;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}`);
  process.stdout.write(`skipped: ${reason}\n`);
  return ((name: string, fn: () => void) =>
    describe.skip(`${name} [skipped: ${reason}]`, fn)) as unknown as jest.Describe;
}
