import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { testEnvironment } from '../helpers/test-environment';

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Array<Record<string, unknown>>;
  requestBody?: unknown;
}
interface OpenApiDocument {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** Every route the controllers declare, read from Nest's own routing metadata. */
function controllerRoutes(t: TestApp): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  for (const wrapper of t.app.get(DiscoveryService).getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    for (const name of Object.getOwnPropertyNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const full = `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
      routes.push({ method: RequestMethod[method].toLowerCase(), path: full });
    }
  }
  return routes;
}

const codesOf = (doc: OpenApiDocument, path: string, method: string, status: number) =>
  JSON.stringify(doc.paths[path][method].responses[String(status)] ?? {});

describe('OpenAPI documentation', () => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await createTestApp(testEnvironment());
    const res = await fetch(`${t.url}/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDocument;
  });
  afterAll(() => t.close());

  it('documents every controller route with its method', () => {
    const routes = controllerRoutes(t);
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const missing = routes.filter((r) => !doc.paths[r.path]?.[r.method]);
    expect(missing).toEqual([]);
    expect(doc.openapi).toMatch(/^3\./);
  });

  it('documents request bodies, success schemas and the error codes of each route', () => {
    const send = doc.paths['/sendMessage'].post;
    expect(JSON.stringify(send.requestBody)).toContain('SendMessageRequestDto');
    expect(JSON.stringify(send.responses['200'])).toContain('SendMessageResponseDto');
    expect(codesOf(doc, '/sendMessage', 'post', 400)).toContain('ERR_MESSAGEID_COUNT_MISMATCH');
    expect(codesOf(doc, '/sendMessage', 'post', 403)).toContain('ERR_DELIVERY_BLOCKED');
    expect(codesOf(doc, '/permissions/quote', 'get', 400)).toContain('ERR_TOO_MANY_RECIPIENTS');
    expect(codesOf(doc, '/health/ready', 'get', 503)).toContain('ERR_DATABASE_UNAVAILABLE');
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect([path, method, Object.keys(op.responses).includes('200')]).toEqual([
          path,
          method,
          true,
        ]);
      }
    }
  });

  it('marks authenticated routes with BRC-104, 401 and 429, and public ones without', () => {
    const authenticated = doc.paths['/listMessages'].post;
    expect(authenticated.security).toEqual([{ brc104: [] }]);
    expect(codesOf(doc, '/listMessages', 'post', 401)).toContain('UNAUTHORIZED');
    expect(codesOf(doc, '/listMessages', 'post', 429)).toContain('ERR_TOO_MANY_REQUESTS');
    expect(doc.paths['/health'].get.security).toBeUndefined();
    expect(doc.paths['/metrics'].get.security).toEqual([{ metrics: [] }]);
  });

  it('documents the handshake, which no controller answers, and carries the package version', () => {
    const handshake = doc.paths['/.well-known/auth'].post;
    expect(handshake.security).toBeUndefined();
    expect(JSON.stringify(handshake.requestBody)).toContain('initialRequest');
    expect(JSON.stringify(handshake.responses['200'])).toContain('initialResponse');
    expect(codesOf(doc, '/.well-known/auth', 'post', 400)).toContain('ERR_INVALID_AUTH_MESSAGE');
    expect(codesOf(doc, '/.well-known/auth', 'post', 429)).toContain('ERR_TOO_MANY_REQUESTS');
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(doc.info.version).toBe(pkg.version);
  });

  it('serves the interactive UI publicly at /docs', async () => {
    const res = await fetch(`${t.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('swagger-ui');
  });

  it('can be switched off with ENABLE_DOCS=false', async () => {
    const off = await createTestApp(testEnvironment({ ENABLE_DOCS: 'false' }));
    try {
      const res = await fetch(`${off.url}/openapi.json`);
      expect(res.status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
