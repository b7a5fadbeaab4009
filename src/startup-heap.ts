import { setFlagsFromString } from 'node:v8';

/**
 * Start-up allocates a lot of short-lived objects (module loading, DI, metadata) and V8 answers by
 * growing the young generation to its maximum, which is never given back: ~30 MB of idle RSS for
 * nothing. Imported first by main.ts, this keeps the young generation at its initial size until
 * the server listens; youngGenerationMayGrow() then restores V8's default so load is unaffected.
 */
setFlagsFromString('--semi-space-growth-factor=1');

export function youngGenerationMayGrow(): void {
  setFlagsFromString('--semi-space-growth-factor=2');
}
