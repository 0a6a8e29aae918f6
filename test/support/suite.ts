import { after, before, describe } from 'node:test';
import type { Config } from '../../src/platform/config.ts';
import { backends, type BackendKind } from './backends.ts';
import { startTestServer, type TestServer } from './server.ts';

/**
 * Declares the same suite once per database backend (embedded PGlite and real PostgreSQL), each
 * with its own server over a fresh database. `server()` is valid inside tests.
 */
export function describeEachBackend(
  name: string,
  body: (server: () => TestServer, kind: BackendKind) => void,
  options: { only?: BackendKind[]; config?: Partial<Config> } = {},
) {
  for (const kind of backends) {
    if (options.only && !options.only.includes(kind)) continue;
    describe(`${name} [${kind}]`, () => {
      let current: TestServer | undefined;
      before(async () => { current = await startTestServer(kind, options.config); });
      after(async () => { await current?.close(); });
      body(() => {
        if (!current) throw new Error('server not started');
        return current;
      }, kind);
    });
  }
}
