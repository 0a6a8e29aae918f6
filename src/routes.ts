import type { RouteModule } from './platform/http.ts';
import { merchantRoutes } from './merchants/merchant.routes.ts';
// platform: webhooks, notifications

// stores, catalog, inventory

// orders
import { cartShopperRoutes } from './carts/cart.shopper.routes.ts';
import { orderShopperRoutes } from './orders/order.shopper.routes.ts';
import { orderStaffRoutes } from './orders/order.staff.routes.ts';
import { paymentWebhookRoutes } from './payments/payment.webhook.routes.ts';

// promotions

// customers, analytics

// web

/** Every route module, by domain. A new domain adds its modules in its section. */
export const routeModules: RouteModule[] = [
  merchantRoutes,
  // platform

  // stores, catalog, inventory

  // orders
  cartShopperRoutes,
  orderShopperRoutes,
  orderStaffRoutes,
  paymentWebhookRoutes,

  // promotions

  // customers, analytics

  // web (static apps last: they own the catch-all)

];
