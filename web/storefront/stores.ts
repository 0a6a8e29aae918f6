import type { Interval } from './types.ts';

export interface Store {
  id: string; code: string; name: string; status: string;
  address: { line1: string; line2: string; city: string; region: string; postcode: string; country: string };
  lat: number; lng: number; timezone: string; phone: string | null; email: string | null;
  services: string[]; pickupPrepMinutes: number; openingHours: Record<string, Interval[]>;
  distanceKm?: number; openNow?: boolean; opensAt?: string | null; closesAt?: string | null; pickupReadyAt?: string | null;
}
