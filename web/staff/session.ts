import { useSyncExternalStore } from 'react';
import { staffSessionStore } from '@shared/staff-session.tsx';

export const session = staffSessionStore('footfall.staff.session');
export const api = session.api;

export function useSession() {
  return useSyncExternalStore(session.subscribe, () => localStorage.getItem('footfall.staff.session'));
}

const STORE_KEY = 'footfall.staff.store';
export interface ChosenStore { id: string; name: string; code: string }
export function chosenStore(): ChosenStore | null {
  try { return JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null'); } catch { return null; }
}
export function chooseStore(store: ChosenStore | null) {
  if (store) localStorage.setItem(STORE_KEY, JSON.stringify(store));
  else localStorage.removeItem(STORE_KEY);
  window.dispatchEvent(new Event('footfall-store'));
}
