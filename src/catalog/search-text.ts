import type { Localized } from './catalog.table.ts';

/**
 * One normal form for stored search text and queries, so a plain LIKE finds words in any script:
 * NFKC, lower case, Latin accents and Arabic vowel marks dropped, Arabic/Persian letter variants
 * unified (ي/ی, ك/ک, ة/ه, أ/إ/آ/ا), Russian ё as е. Thai marks are kept: they carry meaning.
 */
export function normalizeSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/ة/g, 'ه')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a product is found by: names in every locale, handle, SKUs and barcodes. */
export function buildSearchText(p: { handle: string; name: Localized; variants: { sku: string; barcode: string | null }[] }): string {
  return normalizeSearch([p.handle, ...Object.values(p.name), ...p.variants.flatMap((v) => [v.sku, v.barcode ?? ''])].join(' '));
}

/** LIKE patterns for a query: every word must appear (escaped so % and _ are literal). */
export function searchPatterns(query: string): string[] {
  return normalizeSearch(query).split(' ').filter(Boolean).slice(0, 8).map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
