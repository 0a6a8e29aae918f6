import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteModule } from '../platform/http.ts';
import { firstMerchantSlug } from './web.repository.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the built apps are: web/dist, or FOOTFALL_WEB_DIST (tests build elsewhere). */
export function webDistDir(): string {
  return process.env.FOOTFALL_WEB_DIST ? path.resolve(process.env.FOOTFALL_WEB_DIST) : path.join(REPO, 'web', 'dist');
}

interface WebApp { name: 'storefront' | 'staff' | 'admin'; prefix: string }
const APPS: WebApp[] = [
  { name: 'staff', prefix: '/staff' },
  { name: 'admin', prefix: '/admin' },
  { name: 'storefront', prefix: '' },
];

// The API and the platform own these; the storefront's catch-all must answer them with the API's 404.
const RESERVED = /^\/(v1|docs|openapi\.json|healthz|readyz|metrics|l)(\/|$)/;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const SHORT = 'public, max-age=3600';

// HTML gets a strict policy: scripts only from us; images may come from OpenStreetMap's tile servers.
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https://tile.openstreetmap.org https://*.tile.openstreetmap.org",
  "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'", "media-src 'self' blob:",
  "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'",
].join('; ');

const MISSING_BUILD = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Footfall: web apps not built</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>The web apps have not been built</h1>
<p>The API is running (see <a href="/docs">/docs</a>), but <code>web/dist</code> holds no built storefront, staff console or admin.</p>
<p>Build them with <code>npm run build</code> (<code>npm install</code> and <code>npm ci</code> also build them), then reload this page. No restart is needed.</p>
</body></html>`;

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function cacheControlFor(rel: string): string {
  if (rel.startsWith('assets/')) return IMMUTABLE; // content-hashed names
  if (rel === 'index.html' || rel === 'sw.js' || rel.endsWith('.webmanifest')) return REVALIDATE;
  return SHORT;
}

/** Serves the three built web apps with an SPA fallback each; registered last, after every API route. */
export const webRoutes: RouteModule = async (app, ctx) => {
  const dist = webDistDir();
  await app.register(fastifyStatic, { root: REPO, serve: false, preCompressed: true });
  // @fastify/static sets its own Cache-Control on some paths (e.g. after a pre-compressed miss): ours wins.
  const cacheOf = new WeakMap<FastifyRequest, string>();
  app.addHook('onSend', async (req, reply, payload) => {
    const wanted = cacheOf.get(req);
    if (wanted) reply.header('cache-control', wanted);
    return payload;
  });
  let warned = false;
  let defaultShop: Promise<string | null> | null = null;
  const shopSlug = () => {
    if (process.env.FOOTFALL_SHOP) return Promise.resolve(process.env.FOOTFALL_SHOP);
    // Retried until a merchant exists (a fresh server seeds after it starts listening).
    defaultShop ??= firstMerchantSlug(ctx.db).then((slug) => { if (!slug) defaultShop = null; return slug; }, () => { defaultShop = null; return null; });
    return defaultShop;
  };

  async function sendIndex(webApp: WebApp, root: string, reply: FastifyReply) {
    let html = await readFile(path.join(root, 'index.html'), 'utf8');
    if (webApp.name === 'storefront') {
      const slug = (await shopSlug()) ?? '';
      html = html.replace('<meta name="footfall-shop" content="" />', `<meta name="footfall-shop" content="${slug.replace(/[^a-z0-9-]/g, '')}" />`);
    }
    return reply.code(200).header('cache-control', REVALIDATE).header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff').header('referrer-policy', 'strict-origin-when-cross-origin')
      .type('text/html; charset=utf-8').send(html);
  }

  async function serve(webApp: WebApp, req: FastifyRequest, reply: FastifyReply, rest: string) {
    const root = path.join(dist, webApp.name);
    if (!(await isFile(path.join(root, 'index.html')))) {
      if (!warned) ctx.log.warn({ dist }, 'web apps are not built: run `npm run build`');
      warned = true;
      return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(MISSING_BUILD);
    }
    const rel = path.posix.normalize(decodeURIComponent(rest).replace(/^\/+/, ''));
    if (rel.startsWith('..') || rel.includes('\0')) return reply.callNotFound();
    if (rel && rel !== '.' && rel !== 'index.html' && (await isFile(path.join(root, rel)))) {
      cacheOf.set(req, cacheControlFor(rel));
      reply.header('x-content-type-options', 'nosniff');
      if (rel === 'sw.js') reply.header('service-worker-allowed', webApp.prefix || '/');
      return reply.sendFile(rel, root, { cacheControl: false });
    }
    // A missing file (an old hashed asset, a typo) is a 404; anything else is a page of the app.
    if (rel.startsWith('assets/') || /\.[a-z0-9]{1,8}$/i.test(rel)) return reply.callNotFound();
    return sendIndex(webApp, root, reply);
  }

  for (const webApp of APPS) {
    const schema = { hide: true };
    if (webApp.prefix) {
      app.get(webApp.prefix, { schema }, (req, reply) => serve(webApp, req, reply, ''));
      app.get(`${webApp.prefix}/*`, { schema }, (req, reply) => serve(webApp, req, reply, (req.params as { '*': string })['*']));
    } else {
      app.get('/*', { schema }, (req, reply) => {
        const url = req.url.split('?')[0];
        if (RESERVED.test(url)) return reply.callNotFound();
        return serve(webApp, req, reply, (req.params as { '*': string })['*']);
      });
    }
  }
};
