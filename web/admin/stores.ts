import { api } from './session.ts';
import { useAsync } from '@shared/ui.tsx';

export interface StoreOption { id: string; name: string; code: string; lat: number; lng: number; address: { city: string } }

/** The merchant's stores, for pickers and per-store charts. */
export function useStores() {
  return useAsync((signal) => api.request<{ items: StoreOption[] }>('GET', '/v1/admin/stores', { signal, query: { limit: 500 } }).then((r) => r.items), []);
}
