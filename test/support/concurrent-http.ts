import http from 'node:http';

// Keep-alive sockets: thousands of calls stay cheap for the client. Destroy it in the suite's after().
export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** A lean keep-alive POST (node:http). */
export function post(baseUrl: string, path: string, token: string, body: unknown): Promise<{ status: number; body: any }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(baseUrl + path, {
      method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** Runs `total` calls with at most `width` in flight. */
export async function concurrently<T>(total: number, width: number, call: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(total);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < total) {
      const i = next++;
      out[i] = await call(i);
    }
  }));
  return out;
}
