import { parseArgs } from 'node:util';
import type { Command } from './command.ts';
import { DataDirLockedError } from '../platform/data-dir-lock.ts';
import { AppError } from '../platform/errors.ts';
import { start } from './commands/start.ts';
import { migrate } from './commands/migrate.ts';
import { seed } from './commands/seed.ts';
import { createMerchantCommand } from './commands/create-merchant.ts';
import { createApiKeyCommand } from './commands/create-api-key.ts';
// stores, catalog, inventory
import { exportCommand, importCatalogCommand, importStockCommand, importStoresCommand } from './commands/stock-csv.ts';
import { verifyCommand } from './commands/verify.ts';

// orders

// promotions

// customers, analytics
import { checkRollupsCommand } from './commands/check-rollups.ts';


/** Every command of `footfall`. Later ones (imports, checks) add a file and a line here. */
const commands: Command[] = [
  start, migrate, seed, createMerchantCommand, createApiKeyCommand,
  // stores, catalog, inventory
  importStoresCommand, importCatalogCommand, importStockCommand, exportCommand, verifyCommand,

  // orders

  // promotions

  // customers, analytics
  checkRollupsCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: footfall <command> [options]', '', 'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '', 'Run footfall <command> --help for its options.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(`${command.summary}\n\n${command.usage}`);
    return 0;
  }
  return (await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals)) ?? 0;
}

const code = await main(process.argv.slice(2)).catch((err) => {
  // Expected refusals (folder in use, a slug taken, bad input) read as one line; anything else keeps its stack.
  if (err instanceof DataDirLockedError) console.error(err.message);
  else if (err instanceof AppError) console.error(`${err.detail ?? err.message} (${err.code})`);
  else console.error(err instanceof Error ? err.stack ?? err.message : err);
  return 1;
});
// start keeps the process alive through its server; every other command exits when done.
if (process.argv[2] !== 'start' || code !== 0) process.exit(code);
