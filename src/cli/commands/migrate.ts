import type { Command } from '../command.ts';
import { openForCommand } from '../open.ts';

export const migrate: Command = {
  name: 'migrate',
  summary: 'Apply database migrations (start does this too)',
  usage: 'footfall migrate\n\nUses DATABASE_URL when set, otherwise the embedded database in FOOTFALL_DATA_DIR.',
  options: {},
  async run() {
    const { handle } = await openForCommand();
    await handle.close();
    console.log('Migrations are up to date.');
  },
};
