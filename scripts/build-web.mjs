// Builds the three web apps (storefront at /, staff console at /staff/, admin at /admin/) into web/dist/<app>.
// Runs on `npm install`/`npm ci` (postinstall) and `npm run build`; the server serves whatever is in web/dist.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, crc32, deflateSync, gzipSync, constants } from 'node:zlib';
import { mkdirSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const outRoot = process.env.FOOTFALL_WEB_DIST ? path.resolve(process.env.FOOTFALL_WEB_DIST) : path.join(web, 'dist');
export const APPS = [
  { name: 'storefront', base: '/' },
  { name: 'staff', base: '/staff/' },
  { name: 'admin', base: '/admin/' },
];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

// Pre-compressed copies let the server send gzip/brotli without compressing on every request.
function precompress(dir) {
  for (const file of files(dir)) {
    if (!/\.(js|css|html|svg|json|webmanifest|txt)$/.test(file)) continue;
    const body = readFileSync(file);
    if (body.length < 512) continue;
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

// The installable-app icons as PNG (browsers want raster icons), drawn from the same shapes as icon.svg.
function iconPng(size) {
  const k = size / 512;
  const inRect = (x, y, x0, y0, x1, y1) => x >= x0 * k && x < x1 * k && y >= y0 * k && y < y1 * k;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const cx = x - 380 * k, cy = y - 372 * k;
      let c = [13, 47, 79];
      if (inRect(x, y, 150, 140, 362, 196) || inRect(x, y, 150, 140, 214, 408) || inRect(x, y, 150, 248, 342, 304)) c = [255, 255, 255];
      if (cx * cx + cy * cy < (44 * k) ** 2) c = [242, 183, 5];
      row.set([...c, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

function writeIcons(dir) {
  mkdirSync(path.join(dir, 'icons'), { recursive: true });
  for (const size of [192, 512]) writeFileSync(path.join(dir, 'icons', `icon-${size}.png`), iconPng(size));
}

// The service worker precaches the app shell; its version changes whenever a built file changes.
function writeServiceWorker(dir, base) {
  const swFile = path.join(dir, 'sw.js');
  let sw;
  try { sw = readFileSync(swFile, 'utf8'); } catch { return; }
  const shell = files(dir)
    .map((f) => path.relative(dir, f).split(path.sep).join('/'))
    .filter((f) => !/\.(gz|br)$/.test(f) && f !== 'sw.js' && !f.startsWith('icons/') && /\.(js|css|html|webmanifest|svg)$/.test(f))
    .filter((f) => !/^assets\/(map|leaflet)/.test(f))
    .map((f) => base + (f === 'index.html' ? '' : f));
  const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
  writeFileSync(swFile, sw.replace("'__PRECACHE__'", JSON.stringify(shell)).replace('__VERSION__', version));
}

export async function buildWeb({ logLevel = 'warn' } = {}) {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  const started = Date.now();
  for (const app of APPS) {
    const outDir = path.join(outRoot, app.name);
    rmSync(outDir, { recursive: true, force: true });
    await build({
      configFile: false,
      root: path.join(web, app.name),
      base: app.base,
      logLevel,
      plugins: [react()],
      resolve: { alias: { '@shared': path.join(web, 'shared') } },
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: false,
        assetsInlineLimit: 2048,
        chunkSizeWarningLimit: 400,
      },
    });
    if (app.name === 'storefront') writeIcons(outDir);
    writeServiceWorker(outDir, app.base);
    precompress(outDir);
  }
  writeFileSync(path.join(outRoot, 'BUILD'), `${new Date().toISOString()}\n`);
  return Date.now() - started;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb({ logLevel: process.env.VITE_LOG_LEVEL ?? 'warn' })
    .then((ms) => console.log(`web apps built into ${path.relative(root, outRoot) || outRoot} in ${(ms / 1000).toFixed(1)} s`))
    .catch((err) => {
      console.error('Building the web apps failed:', err);
      process.exit(1);
    });
}
