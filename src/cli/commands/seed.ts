import { ensureDemoData } from '../../demo/seed.ts';
import type { Command } from '../command.ts';
import { openForCommand } from '../open.ts';

export const seed: Command = {
  name: 'seed',
  summary: 'Load the demo merchant, stores, catalog, stock, staff and customers (once)',
  usage: 'footfall seed',
  options: {},
  async run() {
    const { handle } = await openForCommand();
    try {
      const seeded = await ensureDemoData(handle.db);
      console.log(seeded ? 'Demo data loaded.' : 'Demo data was already there; nothing changed.');
    } finally {
      await handle.close();
    }
  },
};
