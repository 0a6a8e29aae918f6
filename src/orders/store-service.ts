import type { Fulfilment } from '../carts/cart.table.ts';
import { AppError } from '../platform/errors.ts';

/** The store service each fulfilment needs. */
export const SERVICE: Record<Fulfilment, 'pickup' | 'reserve_pay_in_store' | 'ship_from_store'> = {
  pickup: 'pickup', reserve_pay_in_store: 'reserve_pay_in_store', delivery: 'ship_from_store',
};

/** The loaded store, if it is active and offers this fulfilment; otherwise the problem the shopper sees. */
export function requireStoreService<S extends { status: string; services: readonly string[]; name: string }>(store: S | null | undefined, storeId: string, fulfilment: Fulfilment): S {
  if (!store || store.status !== 'active') throw new AppError('unknown_store', 'That store does not exist or is closed', { storeId });
  if (!store.services.includes(SERVICE[fulfilment])) {
    throw new AppError('service_not_offered', `${store.name} does not offer ${SERVICE[fulfilment].replaceAll('_', ' ')}`, { storeId, service: SERVICE[fulfilment] });
  }
  return store;
}

