import QRCode from 'qrcode';
import { safeEqual } from '../platform/crypto.ts';
import { AppError } from '../platform/errors.ts';
import { randomCode } from './placement.ts';

/** 8 symbols from a 32-letter alphabet without look-alikes: 40 random bits, read aloud or typed easily. */
export const newPickupCode = () => randomCode(8);
export const normalizeCode = (code: string) => code.trim().toUpperCase().replace(/[\s-]/g, '');

/** A QR scanned at the counter carries the order and its code, so one scan finds and proves the order. */
export const qrPayload = (orderId: string, code: string) => `FFPICKUP:${orderId}:${code}`;
export function parseQrPayload(text: string): { orderId: string; code: string } | null {
  const m = /^FFPICKUP:([0-9a-f-]{36}):([A-Z0-9]{4,16})$/i.exec(text.trim());
  return m ? { orderId: m[1].toLowerCase(), code: m[2].toUpperCase() } : null;
}

export async function renderQr(orderId: string, code: string, format: 'png' | 'svg'): Promise<Buffer | string> {
  const text = qrPayload(orderId, code);
  return format === 'svg'
    ? QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
    : QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 300 });
}

export const MAX_WRONG_CODES_PER_ORDER = 5;
const DEVICE_WINDOW_MS = 10 * 60_000;
const MAX_WRONG_CODES_PER_DEVICE = 10;
const deviceFailures = new Map<string, number[]>();

/** Per device (credential) in this process: too many wrong codes in ten minutes locks that till out for a while. */
export function checkDeviceLimit(device: string): void {
  const now = Date.now();
  const recent = (deviceFailures.get(device) ?? []).filter((t) => now - t < DEVICE_WINDOW_MS);
  deviceFailures.set(device, recent);
  if (recent.length >= MAX_WRONG_CODES_PER_DEVICE) {
    throw new AppError('pickup_code_locked', 'Too many wrong pickup codes from this device; wait ten minutes', { retryAfterSeconds: Math.ceil((DEVICE_WINDOW_MS - (now - recent[0])) / 1000) });
  }
}

export function recordDeviceFailure(device: string): void {
  deviceFailures.set(device, [...(deviceFailures.get(device) ?? []), Date.now()]);
}

export const codesMatch = (expected: string | null, given: string) => expected !== null && safeEqual(normalizeCode(expected), normalizeCode(given));
