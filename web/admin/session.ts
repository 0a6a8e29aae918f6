import { useSyncExternalStore } from 'react';
import { staffSessionStore } from '@shared/staff-session.tsx';

export const session = staffSessionStore('footfall.admin.session');
export const api = session.api;

export function useSession() {
  return useSyncExternalStore(session.subscribe, () => localStorage.getItem('footfall.admin.session'));
}

