import { checkRollups } from '../../analytics/check-rollups.ts';
import { runAnalyticsFeed } from '../../analytics/feed.ts';
import type { Command } from '../command.ts';
import { openForCommand } from '../open.ts';

export const checkRollupsCommand: Command = {
  name: 'check-rollups',
  summary: 'Prove the analytics rollups agree with the raw sales, touchpoints, credits and redemptions',
  usage: 'footfall check-rollups [--merchant SLUG] [--no-feed]\n\nRuns the analytics feed first (so copied redemptions are current), then recounts every rollup.\nExits 1 when any rollup disagrees, printing the first differing rows.',
  options: { merchant: { type: 'string' }, 'no-feed': { type: 'boolean' } },
  async run(v) {
    const { handle } = await openForCommand();
    try {
      let merchantId: string | undefined;
      if (v.merchant) {
        const row = await handle.db.selectFrom('merchants').select('id').where('slug', '=', String(v.merchant)).executeTakeFirst();
        if (!row) { console.error(`No merchant "${v.merchant}"`); return 2; }
        merchantId = row.id;
      }
      if (!v['no-feed']) await runAnalyticsFeed({ db: handle.db });
      const checks = await checkRollups(handle.db, merchantId);
      for (const c of checks) {
        console.log(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}${c.ok ? '' : ` (${c.mismatches} differing rows)`}`);
        for (const row of c.sample.slice(0, 5)) console.log(`        ${JSON.stringify(row)}`);
      }
      return checks.every((c) => c.ok) ? 0 : 1;
    } finally {
      await handle.close();
    }
  },
};
