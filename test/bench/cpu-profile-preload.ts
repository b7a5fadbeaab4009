/**
 * `npm run bench -- --cpu-prof` profiles the server with a `node --require` preload put in its
 * NODE_OPTIONS: Node 20 refuses --cpu-prof there, and server-process.ts spawns plain
 * `node dist/main.js`. The result is what --cpu-prof gives: the V8 sampling profiler runs from
 * start to exit and a .cpuprofile (timestamps in µs on CLOCK_MONOTONIC) is written at exit.
 * The preload is plain JavaScript (the server does not run through ts-node), written at run time.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOURCE = `'use strict';
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const file = process.env.BENCH_CPU_PROF_FILE;
if (file) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', {
    interval: Number(process.env.BENCH_CPU_PROF_INTERVAL || 250),
  });
  session.post('Profiler.start');
  // An in-thread inspector session answers synchronously, so this works inside 'exit'.
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) process.stderr.write('cpu profile: ' + error.message + '\\n');
      else writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
`;

/** Writes the preload (to the temp dir); returns the server environment that profiles into `dir`. */
export function cpuProfileEnv(dir: string, intervalUs: number): Record<string, string> {
  const preload = join(tmpdir(), `mb-bench-cpu-profile-${process.pid}.preload.js`);
  writeFileSync(preload, SOURCE);
  return {
    NODE_OPTIONS: `--require ${preload}`,
    BENCH_CPU_PROF_FILE: join(dir, 'server.cpuprofile'),
    BENCH_CPU_PROF_INTERVAL: String(intervalUs),
  };
}

/** Removes the preload file cpuProfileEnv() wrote. */
export function removeCpuProfilePreload(env: Record<string, string>): void {
  const preload = /^--require (.+\.preload\.js)$/.exec(env.NODE_OPTIONS ?? '')?.[1];
  if (preload) rmSync(preload, { force: true });
}
