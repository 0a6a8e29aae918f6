import { useSyncExternalStore } from 'react';

// The cart badge count, shared by every screen; the cart itself lives on the server.
let count = Number(localStorage.getItem('footfall.cart.count') ?? 0) || 0;
const listeners = new Set<() => void>();
export function setCartCount(n: number) {
  count = n;
  try { localStorage.setItem('footfall.cart.count', String(n)); } catch { /* not remembered */ }
  listeners.forEach((l) => l());
}
export function useCartCount(): number {
  return useSyncExternalStore((l) => { listeners.add(l); return () => { listeners.delete(l); }; }, () => count);
}
