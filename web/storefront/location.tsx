import { useCallback, useState } from 'react';
import { useT } from '@shared/i18n.tsx';
import { api, shopPath } from './shop.ts';

export interface ShopperLocation { lat: number; lng: number; label: string; source: 'device' | 'typed' }

const KEY = 'footfall.location';

function load(): ShopperLocation | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return v && typeof v.lat === 'number' && typeof v.lng === 'number' ? v : null;
  } catch {
    return null;
  }
}

/** Where the shopper is: from the device (with permission) or a typed city/postcode, remembered. */
export function useShopperLocation() {
  const [location, setLocation] = useState<ShopperLocation | null>(load);
  const save = useCallback((next: ShopperLocation | null) => {
    try {
      if (next) localStorage.setItem(KEY, JSON.stringify(next));
      else localStorage.removeItem(KEY);
    } catch { /* not remembered */ }
    setLocation(next);
  }, []);
  return [location, save] as const;
}

type Problem = 'denied' | 'unavailable' | 'notFound' | 'network' | null;

/** "Use my location" or type a city or postcode; a typed place is placed at the nearest matching store. */
export function LocationPicker({ location, onChange }: { location: ShopperLocation | null; onChange(l: ShopperLocation | null): void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);

  const useDevice = () => {
    if (!('geolocation' in navigator)) return setProblem('unavailable');
    setBusy(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => { setBusy(false); onChange({ lat: pos.coords.latitude, lng: pos.coords.longitude, label: t('location.yourLocation'), source: 'device' }); },
      (err) => { setBusy(false); setProblem(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable'); },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  };

  const useText = async (e: React.FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    if (!q) return;
    setBusy(true);
    setProblem(null);
    try {
      const found = await api.get<{ items: { lat: number; lng: number; address: { city: string; postcode: string } }[] }>(shopPath('/stores'), { q, limit: 1 });
      const first = found.items[0];
      if (!first) setProblem('notFound');
      else onChange({ lat: first.lat, lng: first.lng, label: q, source: 'typed' });
    } catch {
      setProblem('network');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card surface stack location-picker">
      <div className="spread">
        <span>{location ? t('location.near', { place: location.label }) : t('location.unknown')}</span>
        {location ? <button type="button" className="button secondary small" onClick={() => onChange(null)}>{t('location.clear')}</button> : null}
      </div>
      <div className="row">
        <button type="button" className="button secondary" onClick={useDevice} disabled={busy}>{t('location.useDevice')}</button>
        <form className="row" onSubmit={useText} role="search">
          <label className="visually-hidden" htmlFor="place">{t('location.typePlace')}</label>
          <input id="place" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('location.typePlace')} autoComplete="postal-code" />
          <button type="submit" className="button" disabled={busy}>{t('location.find')}</button>
        </form>
      </div>
      {problem ? <p className="notice warn" role="alert">{t(`location.problem.${problem}`)}</p> : null}
    </div>
  );
}
