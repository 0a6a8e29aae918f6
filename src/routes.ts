import type { RouteModule } from './platform/http.ts';
import { merchantRoutes } from './merchants/merchant.routes.ts';
// platform: webhooks, notifications
import { webhookAdminRoutes } from './webhooks/webhook.admin.routes.ts';
import { mailboxAdminRoutes } from './notifications/mailbox.admin.routes.ts';
import { accountShopperRoutes } from './customers/account.shopper.routes.ts';

// stores, catalog, inventory
import { storeAdminRoutes } from './stores/store.admin.routes.ts';
import { storeShopperRoutes } from './stores/store.shopper.routes.ts';
import { catalogAdminRoutes } from './catalog/catalog.admin.routes.ts';
import { catalogShopperRoutes } from './catalog/catalog.shopper.routes.ts';
import { inventoryStaffRoutes } from './inventory/inventory.staff.routes.ts';
import { availabilityShopperRoutes } from './inventory/availability.shopper.routes.ts';
import { csvAdminRoutes } from './inventory/csv/csv.admin.routes.ts';

// orders
import { cartShopperRoutes } from './carts/cart.shopper.routes.ts';
import { orderShopperRoutes } from './orders/order.shopper.routes.ts';
import { orderStaffRoutes } from './orders/order.staff.routes.ts';
import { counterStaffRoutes } from './orders/counter.staff.routes.ts';
import { paymentWebhookRoutes } from './payments/payment.webhook.routes.ts';

// promotions
import { promotionRoutes } from './promotions/promotion.routes.ts';

// customers, analytics
import { customerAdminRoutes } from './customers/customer.admin.routes.ts';
import { customerShopperRoutes } from './customers/customer.shopper.routes.ts';
import { salePosRoutes } from './sales/sale.pos.routes.ts';
import { loyaltyRoutes } from './loyalty/loyalty.routes.ts';
import { touchpointShopperRoutes } from './touchpoints/touchpoint.shopper.routes.ts';
import { segmentAdminRoutes } from './segments/segment.admin.routes.ts';
import { analyticsAdminRoutes } from './analytics/analytics.admin.routes.ts';

// web
import { webRoutes } from './web/web.routes.ts';

/** Every route module, by domain. A new domain adds its modules in its section. */
export const routeModules: RouteModule[] = [
  merchantRoutes,
  // platform
  webhookAdminRoutes,
  mailboxAdminRoutes,
  accountShopperRoutes,

  // stores, catalog, inventory
  storeAdminRoutes, storeShopperRoutes, catalogAdminRoutes, catalogShopperRoutes, inventoryStaffRoutes, availabilityShopperRoutes, csvAdminRoutes,

  // orders
  cartShopperRoutes,
  orderShopperRoutes,
  orderStaffRoutes,
  counterStaffRoutes,
  paymentWebhookRoutes,

  // promotions
  ...promotionRoutes,

  // customers, analytics
  customerAdminRoutes, customerShopperRoutes, salePosRoutes, loyaltyRoutes, touchpointShopperRoutes, segmentAdminRoutes, analyticsAdminRoutes,

  // web (static apps last: they own the catch-all)
  webRoutes,

];
