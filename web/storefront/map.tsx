// Leaflet and its stylesheet are bundled from node_modules and loaded only on pages with a map.
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

export interface MapPoint { id: string; lat: number; lng: number; label: string; highlight?: boolean }

/** An OpenStreetMap map of points; calls onUnavailable when tiles cannot load (offline, blocked). */
export default function StoreMap({ points, center, label, attribution, onUnavailable, onSelect }: {
  points: MapPoint[];
  center?: { lat: number; lng: number } | null;
  label: string;
  attribution: string;
  onUnavailable(): void;
  onSelect?(id: string): void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const failed = useRef(onUnavailable);
  failed.current = onUnavailable;

  useEffect(() => {
    if (!el.current) return;
    const map = L.map(el.current, { zoomControl: true, attributionControl: true });
    let loaded = 0;
    let gaveUp = false;
    const giveUp = () => { if (!gaveUp && loaded === 0) { gaveUp = true; failed.current(); } };
    const layer = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { maxZoom: 19, attribution: `&copy; ${attribution}` });
    layer.on('tileload', () => { loaded++; });
    layer.on('tileerror', giveUp);
    layer.addTo(map);
    const timer = window.setTimeout(giveUp, 8000);
    const bounds = L.latLngBounds([]);
    for (const p of points) {
      const marker = L.circleMarker([p.lat, p.lng], { radius: p.highlight ? 10 : 8, color: '#0b5cad', weight: 2, fillColor: p.highlight ? '#f2b705' : '#0b5cad', fillOpacity: 0.85 })
        .bindTooltip(p.label)
        .addTo(map);
      if (onSelect) marker.on('click', () => onSelect(p.id));
      bounds.extend([p.lat, p.lng]);
    }
    if (center) {
      L.circleMarker([center.lat, center.lng], { radius: 6, color: '#b3261e', fillColor: '#b3261e', fillOpacity: 1 }).addTo(map);
      bounds.extend([center.lat, center.lng]);
    }
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.2), { maxZoom: 14 });
    else map.setView([3.139, 101.6869], 11);
    return () => { window.clearTimeout(timer); map.remove(); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(points), center?.lat, center?.lng]);

  return <div ref={el} className="map" role="region" aria-label={label} />;
}
