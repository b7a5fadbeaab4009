import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Why a small tmpfs cannot be mounted here (not root, no CAP_SYS_ADMIN in a container), or
 * undefined when it can: tried once with a throw-away mount, so that a suite needing a full disk
 * is reported skipped with the reason instead of failing.
 */
export function tmpfsMissing(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'mb-tmpfs-probe-'));
  try {
    const mounted = mount(dir, 64 * 1024);
    if (mounted) return `cannot mount a tmpfs (${mounted})`;
    unmount(dir);
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A tmpfs of `bytes` at a fresh directory: a disk that fills up on demand. */
export class SmallDisk {
  private constructor(readonly dir: string) {}

  static create(bytes: number): SmallDisk {
    const dir = mkdtempSync(join(tmpdir(), 'mb-small-disk-'));
    const failed = mount(dir, bytes);
    if (failed) throw new Error(`mount tmpfs at ${dir}: ${failed}`);
    return new SmallDisk(dir);
  }

  /** Unmounts (lazily if a process still holds files there) and removes the directory. */
  remove(): void {
    unmount(this.dir);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function mount(dir: string, bytes: number): string | undefined {
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], {
    encoding: 'utf8',
    timeout: 10000,
  });
  if (r.error) return r.error.message;
  return r.status === 0 ? undefined : (r.stderr || `exit ${r.status}`).trim();
}

function unmount(dir: string): void {
  const r = spawnSync('umount', [dir], { encoding: 'utf8', timeout: 10000 });
  if (r.status !== 0) spawnSync('umount', ['-l', dir], { timeout: 10000 });
}
