import type { PlatformTables } from './platform.table.ts';
import type { MerchantTables } from '../merchants/merchant.table.ts';
import type { StoreTables } from '../stores/store.table.ts';
import type { CatalogTables } from '../catalog/catalog.table.ts';
import type { InventoryTables } from '../inventory/inventory.table.ts';
import type { CustomerTables } from '../customers/customer.table.ts';
import type { NotificationTables } from '../notifications/notification.table.ts';
import type { WebhookTables } from '../webhooks/webhook.table.ts';
// stores, catalog, inventory

// orders
import type { CartTables } from '../carts/cart.table.ts';
import type { OrderTables } from '../orders/order.table.ts';
import type { PaymentTables } from '../payments/payment.table.ts';

// promotions
import type { PromotionTables } from '../promotions/promotions.table.ts';

// customers, analytics
import type { SaleTables } from '../sales/sale.table.ts';
import type { LoyaltyTables } from '../loyalty/loyalty.table.ts';
import type { SegmentTables } from '../segments/segment.table.ts';
import type { TouchpointTables } from '../touchpoints/touchpoint.table.ts';
import type { AnalyticsTables } from '../analytics/analytics.table.ts';

/** The whole schema as Kysely sees it: each domain contributes its own tables. */
export interface Database
  extends PlatformTables,
    MerchantTables,
    NotificationTables,
    WebhookTables,
    // stores, catalog, inventory
    StoreTables,
    CatalogTables,
    InventoryTables,

    // orders
    CartTables,
    OrderTables,
    PaymentTables,

    // promotions
    PromotionTables,

    // customers, analytics
    CustomerTables, SaleTables, LoyaltyTables, SegmentTables, TouchpointTables, AnalyticsTables {}
