import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
// platform (0010-0099)
import * as m0010 from './0010_message_retries.ts';
import * as m0011 from './0011_login_throttle.ts';

// stores, catalog, inventory (0100-0199)
import * as m0100 from './0100_stores_inventory.ts';
import * as m0101 from './0101_stock_write_path.ts';

// orders, carts, payments (0200-0299)
import * as m0200 from './0200_orders.ts';
import * as m0201 from './0201_cart_holds.ts';
import * as m0202 from './0202_cart_hold_marker.ts';

// promotions (0300-0399)
import * as m0300 from './0300_promotions.ts';
import * as m0301 from './0301_code_guess_failures.ts';

// customers, sales, loyalty, analytics (0400-0499)
import * as m0400 from './0400_customers.ts';
import * as m0401 from './0401_analytics_feed.ts';

// web (0500-0599)

/** Every migration, by name. Each domain numbers its own in its range above; names sort in apply order. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  // platform
  '0010_message_retries': m0010,
  '0011_login_throttle': m0011,

  // stores, catalog, inventory
  '0100_stores_inventory': m0100,
  '0101_stock_write_path': m0101,

  // orders
  '0200_orders': m0200,
  '0201_cart_holds': m0201,
  '0202_cart_hold_marker': m0202,

  // promotions
  '0300_promotions': m0300,
  '0301_code_guess_failures': m0301,

  // customers, analytics
  '0400_customers': m0400,
  '0401_analytics_feed': m0401,

  // web

};
