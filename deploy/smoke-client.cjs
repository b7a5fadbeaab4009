#!/usr/bin/env node
// The client half of deploy/smoke-test.sh: the official client (@bsv/message-box-client, from
// this project's node_modules) against a compose deployment published on loopback.
//   node deploy/smoke-client.cjs --url http://127.0.0.1:PORT
//       send, list, acknowledge, list again (the message is gone)
//   node deploy/smoke-client.cjs --url http://127.0.0.1:NGINX_PORT --instances c1,c2
//       the same through nginx, then a live delivery across instances: a Socket.IO listener
//       through nginx, sends through nginx until both instances have answered one, every message
//       arriving live. Each instance's /metrics (read inside its container with `docker exec`,
//       as they are not published) shows which instance holds the socket and which took the sends.
// Prints one PASS/FAIL line per check; exits 1 on the first failure.
'use strict';
const { execFile } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { MessageBoxClient } = require('@bsv/message-box-client');
const { PrivateKey, ProtoWallet } = require('@bsv/sdk');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const url = args.url;
const instances = args.instances ? args.instances.split(',') : [];
const docker = process.env.DOCKER || 'docker';
const STEP_MS = 15000;
const clients = [];

function client() {
  const c = new MessageBoxClient({
    host: url,
    walletClient: new ProtoWallet(PrivateKey.fromRandom()),
    networkPreset: 'local',
    enableLogging: false,
  });
  // The overlay lookup (which host a key advertised) would leave the machine: answer "none", so
  // every call goes to the given host.
  c.lookupResolver = { query: () => Promise.resolve({ type: 'output-list', outputs: [] }) };
  clients.push(c);
  return c;
}

function within(promise, what, ms = STEP_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function pass(what) {
  console.log(`  PASS  ${what}`);
}

function check(ok, what, detail = '') {
  if (!ok) throw new Error(`${what}${detail ? ` (${detail})` : ''}`);
  pass(what);
}

/** One instance's Prometheus text, fetched inside its container with its own METRICS_TOKEN. */
function metricsOf(container) {
  const script =
    "fetch('http://127.0.0.1:8080/metrics',{headers:{authorization:'Bearer '+process.env.METRICS_TOKEN}})" +
    ".then(r=>r.text()).then(t=>process.stdout.write(t),e=>{console.error(e.message);process.exit(1)})";
  return new Promise((resolve, reject) => {
    execFile(docker, ['exec', container, 'node', '-e', script], { timeout: STEP_MS }, (err, out) =>
      err ? reject(err) : resolve(out),
    );
  });
}

/** Sum of a series' samples whose labels contain every given `key="value"`. */
function sample(text, name, labels = []) {
  return text
    .split('\n')
    .filter((l) => l.startsWith(name) && /^[a-z_]+(\{|\s)/.test(l) && l.split(/[{\s]/)[0] === name)
    .filter((l) => labels.every((x) => l.includes(x)))
    .reduce((sum, l) => sum + Number(l.trim().split(/\s+/).pop()), 0);
}

async function instanceFigures() {
  const figures = {};
  for (const c of instances) {
    const text = await metricsOf(c);
    figures[c] = {
      sockets: sample(text, 'messagebox_connected_sockets'),
      sends: sample(text, 'messagebox_http_requests_total', ['route="/sendMessage"']),
      live: sample(text, 'messagebox_live_deliveries_total'),
    };
  }
  return figures;
}

async function roundTrip() {
  const alice = client();
  const bob = client();
  const bobKey = await within(bob.getIdentityKey(), 'identity key');
  const box = 'smoke_inbox';
  const body = `smoke ${randomBytes(8).toString('hex')}`;
  const sent = await within(alice.sendMessage({ recipient: bobKey, messageBox: box, body }), 'sendMessage');
  check(typeof sent.messageId === 'string' && sent.messageId.length > 0, `sendMessage stored a message (${sent.messageId.slice(0, 12)}…)`);
  const listed = await within(bob.listMessages({ messageBox: box }), 'listMessages');
  const found = listed.find((m) => m.messageId === sent.messageId);
  check(found !== undefined, 'listMessages returns it to the recipient', `got ${listed.length} messages`);
  check(JSON.stringify(found.body).includes(body), 'with the body that was sent');
  await within(bob.acknowledgeMessage({ messageIds: [sent.messageId] }), 'acknowledgeMessage');
  const after = await within(bob.listMessages({ messageBox: box }), 'listMessages after acknowledge');
  check(!after.some((m) => m.messageId === sent.messageId), 'acknowledgeMessage removed it');
}

async function crossInstanceLive() {
  const box = 'smoke_live';
  const bob = client();
  const alice = client();
  const bobKey = await within(bob.getIdentityKey(), 'identity key');
  const received = new Map();
  const waiters = new Map();
  await within(
    bob.listenForLiveMessages({
      messageBox: box,
      onMessage: (m) => {
        received.set(m.messageId, m);
        waiters.get(m.messageId)?.();
      },
    }),
    'listenForLiveMessages (Socket.IO through nginx)',
  );
  const before = await instanceFigures();
  const holder = instances.find((c) => before[c].sockets > 0);
  check(holder !== undefined, `live listener connected through nginx, socket held by ${holder}`);
  const other = instances.find((c) => c !== holder);
  // Round robin sends: keep going until the instance without the socket has answered at least
  // one (two sends suffice unless other traffic interleaves; the cap keeps it bounded).
  const ids = [];
  let now = before;
  for (let i = 0; i < 10 && (ids.length < 2 || now[other].sends <= before[other].sends); i++) {
    const r = await within(alice.sendMessage({ recipient: bobKey, messageBox: box, body: `live ${i}` }), 'sendMessage');
    ids.push(r.messageId);
    now = await instanceFigures();
  }
  for (const c of instances) {
    check(now[c].sends > before[c].sends, `${c} answered ${now[c].sends - before[c].sends} of ${ids.length} sends through nginx`);
  }
  await within(
    Promise.all(ids.map((id) => (received.has(id) ? undefined : new Promise((resolve) => waiters.set(id, resolve))))),
    'live delivery of every send',
  );
  check(true, `all ${ids.length} messages arrived live on the socket at ${holder}, those sent via ${other} too`);
  const after = await instanceFigures();
  check(after[holder].live - before[holder].live >= ids.length, `${holder} counted ${after[holder].live - before[holder].live} live deliveries`);
}

async function main() {
  if (!url) throw new Error('usage: smoke-client.cjs --url http://127.0.0.1:PORT [--instances c1,c2]');
  console.log(`  official client @bsv/message-box-client ${require('@bsv/message-box-client/package.json').version} → ${url}`);
  await roundTrip();
  if (instances.length === 2) await crossInstanceLive();
}

main()
  .then(() => 0, (err) => {
    console.log(`  FAIL  ${err.message}`);
    return 1;
  })
  .then(async (code) => {
    for (const c of clients) await c.disconnectWebSocket?.().catch(() => undefined);
    process.exit(code);
  });
