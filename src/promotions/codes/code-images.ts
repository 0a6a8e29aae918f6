import bwipjs from 'bwip-js';
import QRCode from 'qrcode';
import { requireAccess, Permission, type Actor } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { normalizeCode } from './code-format.ts';
import { findCodeByText } from './code.repository.ts';

export type ImageKind = 'qr' | 'barcode';
export type ImageFormat = 'png' | 'svg';

/** Renders a code as a QR code or a Code 128 barcode; tills scan the plain code text. */
export async function renderCode(code: string, kind: ImageKind, format: ImageFormat): Promise<{ body: Buffer | string; contentType: string }> {
  if (kind === 'qr') {
    return format === 'png'
      ? { body: await QRCode.toBuffer(code, { type: 'png', margin: 2, scale: 8, errorCorrectionLevel: 'M' }), contentType: 'image/png' }
      : { body: await QRCode.toString(code, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }), contentType: 'image/svg+xml' };
  }
  const options = { bcid: 'code128', text: code, scale: 3, height: 12, includetext: true, textxalign: 'center' as const, paddingwidth: 10, paddingheight: 5 };
  return format === 'png'
    ? { body: await bwipjs.toBuffer(options), contentType: 'image/png' }
    : { body: bwipjs.toSVG(options), contentType: 'image/svg+xml' };
}

export async function codeImage(db: Db, actor: Actor, rawCode: string, kind: ImageKind, format: ImageFormat) {
  requireAccess(actor, Permission.CampaignRead);
  const row = await findCodeByText(db, actor.merchantId, normalizeCode(rawCode));
  if (!row) throw new AppError('code_not_found', 'No such code');
  return renderCode(row.code, kind, format);
}
