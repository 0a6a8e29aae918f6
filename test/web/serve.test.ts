import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { describeEachBackend } from '../support/suite.ts';
import { createTestMerchant } from '../support/fixtures.ts';

// A small fake build, so serving is tested apart from Vite.
const dist = mkdtempSync(path.join(tmpdir(), 'footfall-web-dist-'));
process.env.FOOTFALL_WEB_DIST = dist;
after(() => rmSync(dist, { recursive: true, force: true }));
for (const app of ['storefront', 'staff', 'admin']) {
  mkdirSync(path.join(dist, app, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, app, 'index.html'), `<!doctype html><html><head><meta name="footfall-shop" content="" /></head><body>${app} app</body></html>`);
  const js = `console.log(${JSON.stringify(app)});`.repeat(100);
  writeFileSync(path.join(dist, app, 'assets', 'main-abc123.js'), js);
  writeFileSync(path.join(dist, app, 'assets', 'main-abc123.js.gz'), gzipSync(js));
}
writeFileSync(path.join(dist, 'storefront', 'sw.js'), 'self.addEventListener("fetch", () => {});');
writeFileSync(path.join(dist, 'storefront', 'manifest.webmanifest'), '{"name":"Footfall"}');

describeEachBackend('web apps served by the API server', (server) => {
  test('each app answers its own pages with its index, with a strict CSP and revalidation', async () => {
    for (const [url, app] of [['/', 'storefront'], ['/products/42', 'storefront'], ['/account/orders', 'storefront'], ['/staff', 'staff'],
      ['/staff/', 'staff'], ['/staff/queue/ready', 'staff'], ['/admin', 'admin'], ['/admin/analytics/funnel', 'admin'], ['/staffroom', 'storefront']]) {
      const res = await server().request('GET', url, { headers: { accept: 'text/html' } });
      assert.equal(res.status, 200, url);
      assert.match(res.text, new RegExp(`${app} app`), url);
      assert.equal(res.headers.get('cache-control'), 'no-cache', url);
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    }
  });

  test('the storefront knows its default shop: the first merchant', async () => {
    const merchant = await createTestMerchant(server());
    const res = await server().request('GET', '/');
    assert.match(res.text, new RegExp(`<meta name="footfall-shop" content="${merchant.slug}" />`));
  });

  test('hashed assets are immutable and sent pre-compressed to clients that accept gzip', async () => {
    const res = await server().request('GET', '/staff/assets/main-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.match(res.text, /console\.log\("staff"\)/); // fetch decoded the gzip body
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    const sw = await server().request('GET', '/sw.js');
    assert.equal(sw.status, 200);
    assert.equal(sw.headers.get('cache-control'), 'no-cache');
    assert.equal((await server().request('GET', '/manifest.webmanifest')).headers.get('cache-control'), 'no-cache');
  });

  test('a missing asset is a 404 problem, not the app page; path tricks never leave the build', async () => {
    for (const url of ['/assets/gone-123.js', '/admin/assets/nope.css', '/favicon.ico', '/assets/..%2f..%2fpackage.json', '/staff/..%2f..%2fpackage.json']) {
      const res = await server().request('GET', url);
      assert.ok(res.status === 404 || res.status === 400, `${url}: ${res.status}`);
      assert.doesNotMatch(res.text, /"name": "footfall"/);
    }
    const res = await server().request('GET', '/assets/gone-123.js');
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  });

  test('the API, docs, health, metrics and tracking links are never shadowed by the storefront', async () => {
    const api = await server().request('GET', '/v1/no-such-route');
    assert.equal(api.status, 404);
    assert.match(api.headers.get('content-type') ?? '', /problem\+json/);
    assert.equal((await server().request('GET', '/v1')).status, 404);
    assert.equal((await server().request('GET', '/healthz')).body.status, 'ok');
    assert.equal((await server().request('GET', '/readyz')).status, 200);
    assert.match((await server().request('GET', '/metrics')).text, /# HELP/);
    const openapi = await server().request('GET', '/openapi.json');
    assert.equal(openapi.body.openapi, '3.1.0');
    assert.ok(!Object.keys(openapi.body.paths).some((p) => p === '/*' || p.startsWith('/staff')), 'web routes stay out of the API document');
    assert.match((await server().request('GET', '/docs/')).text, /swagger/i);
    const link = await server().request('GET', '/l/unknown-link');
    assert.notEqual(link.status, 200);
    assert.doesNotMatch(link.text, /storefront app/);
    assert.equal((await server().request('POST', '/', { body: {} })).status, 404);
  });

  test('without a build the server says how to build, and serves it once built without a restart', async () => {
    const built = path.join(dist, 'admin');
    const aside = path.join(dist, 'admin-aside');
    renameSync(built, aside);
    try {
      const res = await server().request('GET', '/admin/campaigns');
      assert.equal(res.status, 503);
      assert.match(res.text, /npm run build/);
      assert.equal((await server().request('GET', '/v1/no-such-route')).status, 404, 'the API keeps working');
    } finally {
      renameSync(aside, built);
    }
    assert.equal((await server().request('GET', '/admin/campaigns')).status, 200);
  });
}, { only: ['pglite'] });
