/**
 * npx ts-node --swc test/bench/profile-summary.ts <file.cpuprofile | dir> [--phase send-1]
 *   [--top 15] [--inclusive 15]
 *
 * Top self-time functions of a V8 .cpuprofile (from `npm run bench -- --cpu-prof`), optionally
 * only inside one bench phase's time window (phases.json next to the profile), plus self time
 * grouped by package / source file and, with --inclusive, the top total-time project functions.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface Window {
  phase: string;
  startUs: number;
  endUs: number;
}

const ROOT = resolve(__dirname, '../..');

function args(argv: string[]): { target: string; phase?: string; top: number; inclusive: number } {
  let target = '';
  let phase: string | undefined;
  let top = 15;
  let inclusive = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--phase') phase = argv[++i];
    else if (a === '--top') top = Number(argv[++i]);
    else if (a === '--inclusive') inclusive = Number(argv[++i]);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else target = a;
  }
  if (!target) target = join(__dirname, 'results', 'profile-sqlite');
  return { target, phase, top, inclusive };
}

function location(frame: CallFrame): string {
  let url = frame.url.replace(/^file:\/\//, '');
  if (!url) return '';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) url = url.slice(nm + 'node_modules/'.length);
  else if (url.startsWith('/')) url = relative(ROOT, url);
  return `${url}:${frame.lineNumber + 1}`;
}

/** node_modules package, project file, node: internal, or a V8 pseudo-frame. */
function group(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native/builtin)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:'))
    return url.split('/')[0].replace(/^node:internal.*/, 'node:internal');
  return relative(ROOT, url);
}

function main(): void {
  const { target, phase, top, inclusive } = args(process.argv.slice(2));
  const dir = statSync(target).isDirectory() ? target : resolve(target, '..');
  const file = statSync(target).isDirectory() ? join(target, 'server.cpuprofile') : target;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

  let window: Window | undefined;
  if (phase) {
    const windowsFile = join(dir, 'phases.json');
    if (!existsSync(windowsFile)) throw new Error(`no ${windowsFile} for --phase`);
    const windows = JSON.parse(readFileSync(windowsFile, 'utf8')) as Window[];
    window = windows.find((w) => w.phase === phase);
    if (!window)
      throw new Error(
        `phase ${phase} not in ${windowsFile}: ${windows.map((w) => w.phase).join(', ')}`,
      );
  }

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (f: CallFrame) => `${f.functionName || '(anonymous)'}\t${location(f)}`;

  const self = new Map<string, number>();
  const groups = new Map<string, number>();
  const total = new Map<string, number>();
  const groupTotal = new Map<string, number>();
  let sampled = 0;
  let idle = 0;
  // A sample's weight is the time until the next one (the last one gets the mean interval).
  let t = profile.startTime;
  const n = profile.samples.length;
  const mean = n > 0 ? (profile.endTime - profile.startTime) / n : 0;
  for (let i = 0; i < n; i++) {
    t += profile.timeDeltas[i];
    const weight = i + 1 < n ? Math.max(0, profile.timeDeltas[i + 1]) : mean;
    if (window && (t < window.startUs || t > window.endUs)) continue;
    const node = byId.get(profile.samples[i])!;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)') {
      idle += weight;
      continue;
    }
    sampled += weight;
    self.set(key(frame), (self.get(key(frame)) ?? 0) + weight);
    groups.set(group(frame), (groups.get(group(frame)) ?? 0) + weight);
    if (inclusive > 0) {
      const seen = new Set<string>();
      const seenGroups = new Set<string>();
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id)!.callFrame;
        const g = group(f);
        if (!seenGroups.has(g)) {
          seenGroups.add(g);
          groupTotal.set(g, (groupTotal.get(g) ?? 0) + weight);
        }
        const k = key(f);
        if (seen.has(k) || !(f.url.includes('/dist/') || f.url.includes('/src/'))) continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + weight);
      }
    }
  }
  const ms = (us: number) => (us / 1000).toFixed(1).padStart(8);
  const pct = (us: number) => `${((100 * us) / Math.max(sampled, 1)).toFixed(1).padStart(5)}%`;
  const span = window
    ? (window.endUs - window.startUs) / 1000
    : (profile.endTime - profile.startTime) / 1000;
  console.log(
    `${file}${window ? `, phase ${window.phase}` : ''}: ${span.toFixed(0)} ms wall, ${(sampled / 1000).toFixed(0)} ms non-idle on the main thread (running or runnable; compare with /proc CPU), ${(idle / 1000).toFixed(0)} ms idle`,
  );
  console.log(`\nTop ${top} self time`);
  console.log('| # | self ms | % | function | location |\n|--:|--:|--:|---|---|');
  [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, us], i) => {
      const [fn, loc] = k.split('\t');
      console.log(`| ${i + 1} | ${ms(us)} | ${pct(us)} | ${fn} | ${loc} |`);
    });
  console.log('\nSelf time by package / file');
  console.log('| self ms | % | package or file |\n|--:|--:|---|');
  [...groups.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Math.max(top, 20))
    .forEach(([g, us]) => console.log(`| ${ms(us)} | ${pct(us)} | ${g} |`));
  if (inclusive > 0) {
    console.log(
      `\nTotal (inclusive) time by package / file: samples with it anywhere on the stack`,
    );
    console.log('| total ms | % | package or file |\n|--:|--:|---|');
    [...groupTotal.entries()]
      .filter(([g]) => !g.startsWith('node:') && !g.startsWith('('))
      .sort((a, b) => b[1] - a[1])
      .slice(0, inclusive)
      .forEach(([g, us]) => console.log(`| ${ms(us)} | ${pct(us)} | ${g} |`));
    console.log(`\nTop ${inclusive} total (inclusive) time, project code (dist/, src/)`);
    console.log('| total ms | % | function | location |\n|--:|--:|---|---|');
    [...total.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, inclusive)
      .forEach(([k, us]) => {
        const [fn, loc] = k.split('\t');
        console.log(`| ${ms(us)} | ${pct(us)} | ${fn} | ${loc} |`);
      });
  }
}

main();
