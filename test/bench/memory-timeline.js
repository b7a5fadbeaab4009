'use strict';
/**
 * node test/bench/memory-timeline.js <timeline.jsonl> <bench stdout with epoch-ms prefixes>
 * Per bench phase: the sample with the highest RSS and the last sample (MB): RSS, anonymous and
 * file-backed RSS, V8 heap total/used, new/old/large-object/code space, external, array buffers.
 * Prefix the bench output with times, e.g.
 *   npm run bench | while IFS= read -r l; do echo "$(date +%s%3N) $l"; done > bench.log
 */
const fs = require('node:fs');
const [tlFile, logFile] = process.argv.slice(2);
const tl = fs
  .readFileSync(tlFile, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const ends = [];
for (const l of fs.readFileSync(logFile, 'utf8').split('\n')) {
  const m = /^(\d+)\s+(\S+)\s+\d+ ops/.exec(l);
  if (m) ends.push([Number(m[1]), m[2]]);
}
const keys = ['rss', 'anon', 'file', 'ht', 'hu', 'new', 'old', 'lo', 'code', 'ext', 'ab'];
const row = (label, s) =>
  console.log(label.padEnd(22) + keys.map((k) => String(s[k] ?? '').padStart(7)).join(''));
console.log('phase'.padEnd(22) + keys.map((k) => k.padStart(7)).join(''));
row('start', tl[0]);
let prev = 0;
for (const [t, phase] of ends) {
  const seg = tl.filter((s) => s.t > prev && s.t <= t);
  if (seg.length) {
    row(
      `${phase} max`,
      seg.reduce((a, b) => (b.rss > a.rss ? b : a)),
    );
    row(`${phase} end`, seg[seg.length - 1]);
  }
  prev = t;
}
row('last', tl[tl.length - 1]);
