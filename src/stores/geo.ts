import { AppError } from '../platform/errors.ts';

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

export interface LatLng { lat: number; lng: number }

export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A lat/lng box that contains every point within radiusKm: an index-friendly pre-filter, refined by
 * haversine. Near the poles or across the antimeridian the box widens to all longitudes.
 */
export function boundingBox(center: LatLng, radiusKm: number) {
  const dLat = radiusKm / 111.32;
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  const cos = Math.cos(rad(Math.max(Math.abs(minLat), Math.abs(maxLat))));
  const dLng = cos < 1e-6 ? 180 : radiusKm / (111.32 * cos);
  if (dLng >= 180 || center.lng - dLng < -180 || center.lng + dLng > 180) return { minLat, maxLat, minLng: -180, maxLng: 180 };
  return { minLat, maxLat, minLng: center.lng - dLng, maxLng: center.lng + dLng };
}

/** Coordinates from a request: both or neither, within range, else a 400 problem. */
export function checkCoordinates(lat: number | undefined, lng: number | undefined): LatLng | undefined {
  if (lat === undefined && lng === undefined) return undefined;
  if (lat === undefined || lng === undefined) throw new AppError('validation', 'Give both lat and lng, or neither');
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new AppError('validation', `lat must be between -90 and 90 (got ${lat})`);
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw new AppError('validation', `lng must be between -180 and 180 (got ${lng})`);
  return { lat, lng };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
