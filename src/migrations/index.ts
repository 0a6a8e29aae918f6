import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
// platform (0010-0099)

// stores, catalog, inventory (0100-0199)

// orders, carts, payments (0200-0299)
import * as m0200 from './0200_orders.ts';

// promotions (0300-0399)

// customers, sales, loyalty, analytics (0400-0499)

// web (0500-0599)

/** Every migration, by name. Each domain numbers its own in its range above; names sort in apply order. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  // platform

  // stores, catalog, inventory

  // orders
  '0200_orders': m0200,

  // promotions

  // customers, analytics

  // web

};
