'use strict';
/**
 * Memory probe for the server (plain JS: the server runs without ts-node). Load it into the server
 * of a bench run with
 *   BENCH_SERVER_NODE_OPTIONS="--require $PWD/test/bench/memory-probe.preload.js" \
 *   BENCH_SERVER_MEMPROBE_INTERVAL=500 BENCH_SERVER_MEMPROBE_TIMELINE=/tmp/tl.jsonl npm run bench
 * - MEMPROBE_INTERVAL=ms: appends {t, rss, heap totals, V8 space sizes, anon/file RSS} to MEMPROBE_TIMELINE.
 * - kill -USR2 <pid>: appends a breakdown to MEMPROBE_OUT, before and after a full GC when gc is
 *   available (MEMPROBE_GC=1 exposes it); MEMPROBE_MAPS=1 adds RSS per mapping.
 * Summarise a timeline against the bench log with test/bench/memory-timeline.js.
 */
const v8 = require('v8');
const fs = require('fs');
const out = process.env.MEMPROBE_OUT || '/tmp/memprobe.jsonl';
const MB = (x) => +(x / 1048576).toFixed(1);
function smaps() {
  const r = {};
  try {
    for (const l of fs.readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n')) {
      const m = /^(\w+):\s+(\d+) kB/.exec(l);
      if (m) r[m[1]] = +(m[2] / 1024).toFixed(1);
    }
  } catch {}
  return { Rss: r.Rss, Anonymous: r.Anonymous, File: (r.Rss || 0) - (r.Anonymous || 0) };
}
function mappings() {
  // RSS by mapping kind: sum anonymous rss of big regions, libnode etc.
  const res = {};
  let cur = null;
  for (const l of fs.readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const h = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(l);
    if (h) {
      cur = h[1] || '[anon]';
      cur = cur.replace(/.*node_modules\//, 'nm:').replace(/^\/.*\/(bin\/)?node$/, 'node-binary');
      continue;
    }
    const m = /^Rss:\s+(\d+) kB/.exec(l);
    if (m && cur) res[cur] = (res[cur] || 0) + +m[1];
  }
  return Object.fromEntries(
    Object.entries(res)
      .filter(([, v]) => v > 512)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, +(v / 1024).toFixed(1)]),
  );
}
function sample(label) {
  const m = process.memoryUsage();
  const spaces = {};
  for (const s of v8.getHeapSpaceStatistics())
    spaces[s.space_name] = [MB(s.space_used_size), MB(s.space_size), MB(s.physical_space_size)];
  const h = v8.getHeapStatistics();
  return {
    label,
    rss: MB(m.rss),
    heapTotal: MB(m.heapTotal),
    heapUsed: MB(m.heapUsed),
    external: MB(m.external),
    arrayBuffers: MB(m.arrayBuffers),
    mallocedMB: MB(h.malloced_memory),
    peakMalloced: MB(h.peak_malloced_memory),
    contexts: h.number_of_native_contexts,
    smaps: smaps(),
    spaces_used_size_phys: spaces,
  };
}
process.on('SIGUSR2', () => {
  const rec = {
    t: Date.now(),
    tag:
      process.env.MEMPROBE_TAG_FILE && fs.existsSync(process.env.MEMPROBE_TAG_FILE)
        ? fs.readFileSync(process.env.MEMPROBE_TAG_FILE, 'utf8').trim()
        : '',
    before: sample('before'),
  };
  if (global.gc) {
    global.gc();
    global.gc();
    rec.afterGc = sample('afterGc');
  }
  if (process.env.MEMPROBE_MAPS) rec.maps = mappings();
  fs.appendFileSync(out, JSON.stringify(rec) + '\n');
});
if (process.env.MEMPROBE_INTERVAL) {
  const tl = process.env.MEMPROBE_TIMELINE || '/tmp/memprobe-timeline.jsonl';
  setInterval(() => {
    const m = process.memoryUsage();
    const s = {};
    for (const x of v8.getHeapSpaceStatistics()) s[x.space_name] = MB(x.physical_space_size);
    const sm = smaps();
    fs.appendFileSync(
      tl,
      JSON.stringify({
        t: Date.now(),
        rss: MB(m.rss),
        ht: MB(m.heapTotal),
        hu: MB(m.heapUsed),
        ext: MB(m.external),
        ab: MB(m.arrayBuffers),
        new: s.new_space,
        old: s.old_space,
        lo: s.large_object_space,
        nlo: s.new_large_object_space,
        code: s.code_space,
        anon: sm.Anonymous,
        file: +sm.File.toFixed(1),
        malloc: MB(v8.getHeapStatistics().malloced_memory),
      }) + '\n',
    );
  }, +process.env.MEMPROBE_INTERVAL).unref();
}
if (!global.gc && process.env.MEMPROBE_GC) {
  require('v8').setFlagsFromString('--expose-gc');
  global.gc = require('vm').runInNewContext('gc');
}
