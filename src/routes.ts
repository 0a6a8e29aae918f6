import type { RouteModule } from './platform/http.ts';
import { merchantRoutes } from './merchants/merchant.routes.ts';

/** Every route module, by domain. A new domain adds its modules here. */
export const routeModules: RouteModule[] = [
  merchantRoutes,
];
