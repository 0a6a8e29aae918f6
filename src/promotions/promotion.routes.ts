import type { RouteModule } from '../platform/http.ts';
import { campaignAdminRoutes } from './campaigns/campaign.admin.routes.ts';
import { codeAdminRoutes } from './codes/code.admin.routes.ts';
import { posPromotionRoutes } from './pos/pos.routes.ts';
import { shopPromotionRoutes } from './distribution/shop.routes.ts';
import { linkRoutes } from './links/link.routes.ts';
import { contestRoutes } from './contests/contest.routes.ts';
import { voucherRoutes } from './vouchers/voucher.routes.ts';

/** Every promotions route module, registered from src/routes.ts in the promotions section. */
export const promotionRoutes: RouteModule[] = [campaignAdminRoutes, codeAdminRoutes, posPromotionRoutes, shopPromotionRoutes, linkRoutes, contestRoutes, voucherRoutes];
