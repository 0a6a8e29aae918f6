// `npm run bench -- <name> [args…]` runs bench/<name>.ts in its own process; with no name, lists the benchmarks
// with the first line of each one's header. They are long (some build 20 M-row datasets), so none runs by default.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const names = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('-support.ts') && !['run.ts', 'analytics-dataset.ts'].includes(f)).map((f) => f.slice(0, -3)).sort();
const [name, ...args] = process.argv.slice(2);

if (!name || !names.includes(name)) {
  if (name) console.error(`No benchmark named "${name}".\n`);
  console.log('Benchmarks (npm run bench -- <name> [args]; results go in docs/benchmarks.md):');
  for (const n of names) {
    const first = readFileSync(path.join(dir, `${n}.ts`), 'utf8').split('\n')[0].replace(/^\/\/\s*/, '');
    console.log(`  ${n.padEnd(24)} ${first}`);
  }
  process.exit(name ? 1 : 0);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`), ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
