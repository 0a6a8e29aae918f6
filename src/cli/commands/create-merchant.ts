import { createMerchant, createStaffUser } from '../../merchants/merchant.service.ts';
import { systemActor } from '../../platform/access.ts';
import type { Command } from '../command.ts';
import { openForCommand } from '../open.ts';

export const createMerchantCommand: Command = {
  name: 'create-merchant',
  summary: 'Create a merchant (tenant) and its owner account',
  usage: 'footfall create-merchant --slug SLUG --name NAME --currency ISO4217 --owner-email EMAIL --owner-password PASSWORD [--locale en]',
  options: {
    slug: { type: 'string' }, name: { type: 'string' }, currency: { type: 'string' }, locale: { type: 'string' },
    'owner-email': { type: 'string' }, 'owner-password': { type: 'string' },
  },
  async run(v) {
    for (const k of ['slug', 'name', 'currency', 'owner-email', 'owner-password']) {
      if (!v[k]) { console.error(`--${k} is required\n\n${this.usage}`); return 2; }
    }
    if (!/^[a-z0-9-]{1,64}$/.test(String(v.slug))) { console.error('--slug takes lowercase letters, digits and dashes'); return 2; }
    if (!/^[A-Za-z]{3}$/.test(String(v.currency))) { console.error('--currency takes an ISO 4217 code such as MYR'); return 2; }
    const { handle } = await openForCommand();
    try {
      const merchant = await handle.db.transaction().execute(async (trx) => {
        const m = await createMerchant(trx, { slug: String(v.slug), name: String(v.name), currency: String(v.currency), defaultLocale: String(v.locale ?? 'en') });
        await createStaffUser(trx, systemActor(m.id), { email: String(v['owner-email']), name: 'Owner', password: String(v['owner-password']), role: 'owner' });
        return m;
      });
      console.log(`Created merchant ${merchant.slug} (${merchant.id}); the owner can sign in as ${v['owner-email']}.`);
    } finally {
      await handle.close();
    }
  },
};
