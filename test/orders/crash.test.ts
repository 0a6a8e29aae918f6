import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db.ts';
import { hasPostgres, POSTGRES_URL } from '../support/backends.ts';
import { startServerProcess } from '../support/process-server.ts';
import type { TestServer } from '../support/server.ts';
import { createShop, guestCart, pickupCheckout } from './fixtures.ts';

async function admin(query: string) {
  const c = new pg.Client({ connectionString: POSTGRES_URL });
  await c.connect();
  await c.query(query);
  await c.end();
}

describe('a server killed in the middle of checkouts [postgres]', { skip: !hasPostgres }, () => {
  const name = `footfall_t_crash_${randomBytes(4).toString('hex')}`;
  let handle: DatabaseHandle;
  let child: ChildProcess;
  let server: TestServer;

  before(async () => {
    await admin(`create database ${name}`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    const started = await startServerProcess(url.toString(), { FOOTFALL_SECRET: 'crash-test', FOOTFALL_WORKERS: '1' });
    child = started.child;
    const base = started.base;
    handle = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 5 });
    server = {
      kind: 'postgres', url: base, databaseUrl: url.toString(), platform: { ctx: { db: handle.db } } as TestServer['platform'],
      async request(method, path, options = {}) {
        const headers: Record<string, string> = { ...options.headers };
        if (options.token) headers.authorization = `Bearer ${options.token}`;
        if (options.body !== undefined) headers['content-type'] = 'application/json';
        const res = await fetch(base + path, { method, headers, body: options.body !== undefined ? JSON.stringify(options.body) : undefined });
        const text = await res.text();
        return { status: res.status, headers: res.headers, text, body: (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text };
      },
      async close() {},
    };
  });

  after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await handle?.close();
    await admin(`drop database if exists ${name} with (force)`);
  });

  it('leaves no reserved stock without an order and no order without its reservation', async () => {
    const shop = await createShop(server, { stock: [{ store: 'KL', variant: 'KETTLE', quantity: 150 }] });
    const carts = [];
    for (let i = 0; i < 240; i += 40) carts.push(...await Promise.all(Array.from({ length: 40 }, () => guestCart(server, shop, [{ variant: 'KETTLE', quantity: 1 }]))));
    let answered = 0;
    const killed = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const inFlight = carts.map((c) => pickupCheckout(server, shop, c, 'KL').then(() => {
      if (++answered === 40) child.kill('SIGKILL');
    }, () => undefined));
    await Promise.all(inFlight);
    await killed;
    assert.ok(answered >= 40 && answered < 240, `the kill landed mid-load (${answered} answered)`);

    const db = handle.db;
    const orders = await db.selectFrom('orders').select('id').where('merchant_id', '=', shop.merchant.id).execute();
    assert.ok(orders.length >= 40, `orders committed before the kill (${orders.length})`);
    const orderWithoutReservation = await sql`
      select o.id from orders o
      join (select order_id, sum(quantity) as q from order_lines where merchant_id = ${shop.merchant.id} group by order_id) l on l.order_id = o.id
      left join (select ref_id, sum(reserved_delta) as r from stock_movements where merchant_id = ${shop.merchant.id} and type = 'reservation' group by ref_id) m on m.ref_id = o.id::text
      where o.merchant_id = ${shop.merchant.id} and coalesce(m.r, 0) <> l.q`.execute(db);
    assert.equal(orderWithoutReservation.rows.length, 0);
    const reservationWithoutOrder = await sql`
      select m.ref_id from stock_movements m where m.merchant_id = ${shop.merchant.id} and m.type = 'reservation'
      and not exists (select 1 from orders o where o.merchant_id = m.merchant_id and o.id::text = m.ref_id)`.execute(db);
    assert.equal(reservationWithoutOrder.rows.length, 0);
    const levels = await sql<{ reserved: number; ledger: number; held: number }>`
      select l.reserved,
        (select coalesce(sum(reserved_delta), 0)::int from stock_movements m where m.merchant_id = l.merchant_id and m.store_id = l.store_id and m.variant_id = l.variant_id) as ledger,
        (select coalesce(sum(ol.quantity - ol.collected_quantity - ol.cancelled_quantity), 0)::int from order_lines ol join orders o on o.merchant_id = ol.merchant_id and o.id = ol.order_id
          where ol.merchant_id = l.merchant_id and o.store_id = l.store_id and ol.variant_id = l.variant_id) as held
      from stock_levels l where l.merchant_id = ${shop.merchant.id}`.execute(db);
    assert.equal(levels.rows[0].reserved, levels.rows[0].ledger);
    assert.equal(levels.rows[0].reserved, levels.rows[0].held);
    assert.equal(levels.rows[0].reserved, orders.length);
  });
});
