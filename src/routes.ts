import type { RouteModule } from './platform/http.ts';
import { merchantRoutes } from './merchants/merchant.routes.ts';
// platform: webhooks, notifications

// stores, catalog, inventory

// orders

// promotions

// customers, analytics

// web
import { webRoutes } from './web/web.routes.ts';

/** Every route module, by domain. A new domain adds its modules in its section. */
export const routeModules: RouteModule[] = [
  merchantRoutes,
  // platform

  // stores, catalog, inventory

  // orders

  // promotions

  // customers, analytics

  // web (static apps last: they own the catch-all)
  webRoutes,

];
