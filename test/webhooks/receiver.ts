import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received { headers: Record<string, string>; body: string }

/** A webhook receiver on a fixed local port that can be down (port closed), failing (503) or up. */
export class Receiver {
  received: Received[] = [];
  status = 204;
  private server: http.Server | null = null;
  private constructor(readonly port: number) {}

  static async reservePort(): Promise<Receiver> {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    return new Receiver(port);
  }

  get url() { return `http://127.0.0.1:${this.port}/hooks`; }

  async up(status = 204) {
    this.status = status;
    if (this.server) return;
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        if (this.status < 300) this.received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(this.status).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }

  async down() {
    const s = this.server;
    this.server = null;
    if (s) await new Promise((r) => { s.closeAllConnections(); s.close(r); });
  }
}
