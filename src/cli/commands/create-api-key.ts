import { createApiKey } from '../../merchants/merchant.service.ts';
import { findMerchantBySlug } from '../../merchants/merchant.repository.ts';
import { systemActor } from '../../platform/access.ts';
import type { Command } from '../command.ts';
import { openForCommand } from '../open.ts';

export const createApiKeyCommand: Command = {
  name: 'create-api-key',
  summary: 'Create an API key: admin (whole merchant) or pos (one store, by store code)',
  usage: 'footfall create-api-key --merchant SLUG --role admin|pos [--store STORE_CODE] [--name NAME]\n\nThe key is printed once; only its hash is stored.',
  options: { merchant: { type: 'string' }, role: { type: 'string' }, store: { type: 'string' }, name: { type: 'string' } },
  async run(v) {
    if (!v.merchant || (v.role !== 'admin' && v.role !== 'pos')) { console.error(this.usage); return 2; }
    if (v.role === 'pos' && !v.store) { console.error('A pos key needs --store STORE_CODE'); return 2; }
    const { handle } = await openForCommand();
    try {
      const merchant = await findMerchantBySlug(handle.db, String(v.merchant));
      if (!merchant) { console.error(`No merchant ${v.merchant}`); return 1; }
      let storeId: string | null = null;
      if (v.store) {
        const store = await handle.db.selectFrom('stores').select('id').where('merchant_id', '=', merchant.id).where('code', '=', String(v.store)).executeTakeFirst();
        if (!store) { console.error(`No store with code ${v.store}`); return 1; }
        storeId = store.id;
      }
      const key = await createApiKey(handle.db, systemActor(merchant.id), { name: String(v.name ?? `${v.role} key`), role: v.role, storeId });
      console.log(key.key);
    } finally {
      await handle.close();
    }
  },
};
