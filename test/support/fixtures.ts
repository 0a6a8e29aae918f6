import { randomBytes } from 'node:crypto';
import { createMerchant, createStaffUser } from '../../src/merchants/merchant.service.ts';
import { systemActor } from '../../src/platform/access.ts';
import type { TestServer } from './server.ts';

export interface TestMerchant {
  id: string;
  slug: string;
  ownerEmail: string;
  ownerPassword: string;
  ownerToken: string;
}

/** A fresh merchant with an owner, signed in through the real login route. */
export async function createTestMerchant(server: TestServer, options: { currency?: string; slug?: string } = {}): Promise<TestMerchant> {
  const slug = options.slug ?? `shop-${randomBytes(3).toString('hex')}`;
  const ownerEmail = `owner@${slug}.example`;
  const ownerPassword = 'correct horse battery';
  const merchant = await createMerchant(server.platform.ctx.db, { slug, name: `Shop ${slug}`, currency: options.currency ?? 'MYR' });
  await createStaffUser(server.platform.ctx.db, systemActor(merchant.id), { email: ownerEmail, name: 'Owner', password: ownerPassword, role: 'owner' });
  const login = await server.request('POST', '/v1/auth/staff/login', { body: { email: ownerEmail, password: ownerPassword, merchant: slug } });
  if (login.status !== 200) throw new Error(`login failed: ${login.text}`);
  return { id: merchant.id, slug, ownerEmail, ownerPassword, ownerToken: login.body.token };
}
