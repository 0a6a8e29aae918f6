import type { RouteModule } from './platform/http.ts';
import { merchantRoutes } from './merchants/merchant.routes.ts';
// platform: webhooks, notifications

// stores, catalog, inventory

// orders

// promotions

// customers, analytics
import { customerAdminRoutes } from './customers/customer.admin.routes.ts';
import { customerShopperRoutes } from './customers/customer.shopper.routes.ts';
import { salePosRoutes } from './sales/sale.pos.routes.ts';
import { loyaltyRoutes } from './loyalty/loyalty.routes.ts';
import { touchpointShopperRoutes } from './touchpoints/touchpoint.shopper.routes.ts';

// web

/** Every route module, by domain. A new domain adds its modules in its section. */
export const routeModules: RouteModule[] = [
  merchantRoutes,
  // platform

  // stores, catalog, inventory

  // orders

  // promotions

  // customers, analytics
  customerAdminRoutes, customerShopperRoutes, salePosRoutes, loyaltyRoutes, touchpointShopperRoutes,

  // web (static apps last: they own the catch-all)

];
