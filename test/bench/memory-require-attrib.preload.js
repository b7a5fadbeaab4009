'use strict';
/**
 * Preload: attributes memory growth during module loading to npm packages (exclusive of nested
 * packages). With ATTRIB_GC=1 and --expose-gc it runs a full GC at every package boundary (slow,
 * ~30 s start-up) so heap figures are live bytes. Writes ATTRIB_OUT (default /tmp/require-attrib.txt)
 * ATTRIB_DELAY ms after start: per package RSS/heap/external MB, then loaded files and source KB.
 *   node --expose-gc --max-semi-space-size=1 --require ./test/bench/memory-require-attrib.preload.js dist/main.js
 */
const Module = require('module');
const path = require('path');
const fs = require('fs');
const orig = Module._load;
const stats = new Map(); // pkg -> {rss, heap, ext, n}
const stack = [];
function pkgOf(file) {
  if (!file) return '?';
  const i = file.lastIndexOf('node_modules/');
  if (i < 0)
    return file.includes('/dist/') ? 'app:' + file.split('/dist/')[1].split('/')[0] : 'other';
  const rest = file.slice(i + 13).split('/');
  return rest[0].startsWith('@') ? rest[0] + '/' + rest[1] : rest[0];
}
function snap() {
  if (global.gc && process.env.ATTRIB_GC) global.gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, ext: m.external + m.arrayBuffers };
}
Module._load = function (request, parent, isMain) {
  let file;
  try {
    file = Module._resolveFilename(request, parent, isMain);
  } catch {
    return orig.apply(this, arguments);
  }
  if (!file.includes('/') || Module._cache[file]) return orig.apply(this, arguments);
  const pkg = pkgOf(file);
  const top = stack[stack.length - 1];
  if (top && top.pkg === pkg) return orig.apply(this, arguments); // same package: counted by the enclosing frame
  const frame = { pkg, s: snap(), child: { rss: 0, heap: 0, ext: 0 } };
  stack.push(frame);
  try {
    return orig.apply(this, arguments);
  } finally {
    stack.pop();
    const e = snap();
    const inc = { rss: e.rss - frame.s.rss, heap: e.heap - frame.s.heap, ext: e.ext - frame.s.ext };
    const st = stats.get(pkg) || { rss: 0, heap: 0, ext: 0, n: 0 };
    st.rss += inc.rss - frame.child.rss;
    st.heap += inc.heap - frame.child.heap;
    st.ext += inc.ext - frame.child.ext;
    st.n++;
    stats.set(pkg, st);
    const p = stack[stack.length - 1];
    if (p) {
      p.child.rss += inc.rss;
      p.child.heap += inc.heap;
      p.child.ext += inc.ext;
    }
  }
};
const files = new Map();
function dump() {
  const rows = [...stats.entries()].sort((a, b) => b[1].rss - a[1].rss);
  const MB = (x) => (x / 1048576).toFixed(1);
  let out = 'pkg\trssMB\theapMB\textMB\n';
  let tr = 0,
    th = 0;
  for (const [k, v] of rows) {
    tr += v.rss;
    th += v.heap;
    out += `${k}\t${MB(v.rss)}\t${MB(v.heap)}\t${MB(v.ext)}\n`;
  }
  const m = process.memoryUsage();
  out += `TOTAL-attributed\t${MB(tr)}\t${MB(th)}\nnow rss ${MB(m.rss)} heapUsed ${MB(m.heapUsed)} heapTotal ${MB(m.heapTotal)} ext ${MB(m.external)} ab ${MB(m.arrayBuffers)}\n`;
  // count loaded files per package
  const cnt = new Map();
  for (const f of Object.keys(require.cache)) {
    const p = pkgOf(f);
    const c = cnt.get(p) || [0, 0];
    c[0]++;
    try {
      c[1] += fs.statSync(f).size;
    } catch {}
    cnt.set(p, c);
  }
  out +=
    '\nfiles per pkg (count, source KB):\n' +
    [...cnt.entries()]
      .sort((a, b) => b[1][1] - a[1][1])
      .map(([k, v]) => `${k}\t${v[0]}\t${(v[1] / 1024).toFixed(0)}`)
      .join('\n') +
    '\n';
  fs.writeFileSync(process.env.ATTRIB_OUT || '/tmp/require-attrib.txt', out);
}
setTimeout(dump, Number(process.env.ATTRIB_DELAY || 2500)).unref();
