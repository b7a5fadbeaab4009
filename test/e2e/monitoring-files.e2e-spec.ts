import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIREBASE_APP_OPTIONS } from '../../src/push/firebase-app-options';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { FakeFcmServer } from '../helpers/fake-fcm-server';
import { testEnvironment } from '../helpers/test-environment';

// js-yaml is already in the tree (eslint, jest); only the rules file needs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { load } = require('js-yaml') as { load(text: string): unknown };

const ROOT = join(__dirname, '../..');
const TOKEN = 'monitoring-files-token-0123456789';
/** Series Prometheus makes itself for every scrape target. */
const PROMETHEUS_OWN = new Set(['up']);
const PROMQL_WORDS = new Set([
  'sum',
  'by',
  'rate',
  'min',
  'max',
  'histogram_quantile',
  'without',
  'avg',
  'and',
  'or',
  'label_values',
  'le',
  'job',
  'instance',
  'route',
  'status',
  'method',
  'reason',
  'limit',
  'outcome',
  'check',
]);

/** Metric names in PromQL: identifiers that are not functions, keywords or label names. */
function seriesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""').replace(/\[[^\]]*\]/g, '');
  const names = withoutStrings.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return names.filter(
    (n) => n === 'up' || (n.includes('_') && !PROMQL_WORDS.has(n) && !n.startsWith('$')),
  );
}

function dashboardExpressions(): string[] {
  const dashboard = JSON.parse(
    readFileSync(join(ROOT, 'deploy/grafana/messagebox-dashboard.json'), 'utf8'),
  ) as {
    panels: Array<{ targets?: Array<{ expr: string }> }>;
    templating: { list: Array<{ query?: unknown }> };
  };
  const panels = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  const variables = dashboard.templating.list
    .map((v) => v.query)
    .filter((q): q is string => typeof q === 'string' && q.includes('('));
  return [...panels, ...variables];
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string };
}

function alertRules(): Rule[] {
  const file = load(
    readFileSync(join(ROOT, 'deploy/prometheus/messagebox-alerts.yml'), 'utf8'),
  ) as {
    groups: Array<{ name: string; rules: Rule[] }>;
  };
  return file.groups.flatMap((g) => g.rules);
}

/** Names /metrics declares (`# TYPE name kind`), with the sample suffixes of histograms. */
function exposedSeries(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, kind] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (kind === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
  }
  return names;
}

describe('the Grafana dashboard and Prometheus alert rules in deploy/', () => {
  const fcm = new FakeFcmServer();
  let t: TestApp;
  let exposed: Set<string>;

  beforeAll(async () => {
    await fcm.start();
    // Every optional part on (push, websockets), so that every series the server can expose is.
    t = await createTestApp(
      testEnvironment({
        METRICS_TOKEN: TOKEN,
        ENABLE_FIREBASE: 'true',
        FIREBASE_PROJECT_ID: 'monitoring-test',
        FIREBASE_SERVICE_ACCOUNT_JSON: JSON.stringify({
          client_email: 'push@monitoring-test.iam.gserviceaccount.com',
          private_key: '-----BEGIN PRIVATE KEY-----\nunused\n-----END PRIVATE KEY-----\n',
        }),
      }),
      [],
      0,
      (b) => b.overrideProvider(FIREBASE_APP_OPTIONS).useValue(fcm.appOptions('monitoring-test')),
    );
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    exposed = exposedSeries(await res.text());
  });
  afterAll(async () => {
    await t.close();
    await fcm.stop();
  });

  const missing = (exprs: string[]) =>
    [...new Set(exprs.flatMap(seriesIn))].filter((n) => !exposed.has(n) && !PROMETHEUS_OWN.has(n));

  it('the dashboard queries only series /metrics exposes', () => {
    const exprs = dashboardExpressions();
    expect(exprs.length).toBeGreaterThanOrEqual(10);
    expect(missing(exprs)).toEqual([]);
  });

  it('the alert rules query only series /metrics exposes, and each is complete', () => {
    const rules = alertRules();
    expect(rules.length).toBeGreaterThanOrEqual(5);
    expect(missing(rules.map((r) => r.expr))).toEqual([]);
    for (const rule of rules) {
      expect([rule.alert, rule.labels?.severity, typeof rule.annotations?.summary]).toEqual([
        rule.alert,
        expect.stringMatching(/^(critical|warning|info)$/),
        'string',
      ]);
    }
  });

  it('covers request rate and latency by route, errors, auth failures, sockets, push and readiness', () => {
    const used = new Set(
      [...dashboardExpressions(), ...alertRules().map((r) => r.expr)].flatMap(seriesIn),
    );
    for (const series of [
      'messagebox_http_requests_total',
      'messagebox_http_request_duration_seconds_bucket',
      'messagebox_auth_failures_total',
      'messagebox_connected_sockets',
      'messagebox_push_results_total',
      'messagebox_ready',
    ]) {
      expect([series, used.has(series)]).toEqual([series, true]);
    }
  });

  it('finds the series names in PromQL (the check above cannot pass by reading none)', () => {
    expect(
      seriesIn('sum by (le) (rate(messagebox_http_request_duration_seconds_bucket{job="x"}[5m]))'),
    ).toEqual(['messagebox_http_request_duration_seconds_bucket']);
    expect(seriesIn('up{job="messagebox"} == 0')).toEqual(['up']);
  });
});
