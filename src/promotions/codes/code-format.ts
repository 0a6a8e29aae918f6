import { randomBytes } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';

/** Default alphabet for generated codes: no 0/O, 1/I/L, 5/S, 2/Z, 8/B look-alikes. */
export const SAFE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const CODE_MAX_LENGTH = 64;
const CODE_SHAPE = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;

/**
 * The one way a typed or scanned code becomes a lookup key: NFKC (folds full-width and other
 * compatibility forms), then only ASCII letters, digits and inner hyphens are accepted, then upper case.
 * Look-alikes from other scripts (Cyrillic А, Greek Ο, dotless ı) are rejected, never mapped.
 */
export function normalizeCode(input: string): string {
  const folded = input.normalize('NFKC').trim();
  if (!CODE_SHAPE.test(folded) || folded.endsWith('-')) {
    throw new AppError('malformed_code', 'A code is 2 to 64 letters A-Z, digits and inner hyphens', { reason: 'malformed_code' });
  }
  return folded.toUpperCase();
}

export interface CodePattern {
  length: number;
  prefix: string;
  alphabet: string;
}

export function validatePattern(p: CodePattern): CodePattern {
  const alphabet = [...new Set(p.alphabet.toUpperCase())].join('');
  if (!/^[A-Z0-9]{10,36}$/.test(alphabet)) throw new AppError('validation', 'The alphabet needs 10 to 36 distinct characters from A-Z and 0-9');
  const prefix = p.prefix.toUpperCase();
  if (prefix && !/^[A-Z0-9][A-Z0-9-]{0,19}$/.test(prefix)) throw new AppError('validation', 'A prefix is up to 20 letters, digits and hyphens');
  if (!Number.isInteger(p.length) || p.length < 6 || p.length + prefix.length > CODE_MAX_LENGTH) {
    throw new AppError('validation', `Random part length must be at least 6 and the whole code at most ${CODE_MAX_LENGTH}`);
  }
  return { length: p.length, prefix, alphabet };
}

/** log2 of how many codes the pattern can make: too few and guessing a live code gets easy. */
export const patternBits = (p: CodePattern) => p.length * Math.log2(p.alphabet.length);

/**
 * `count` random codes from a CSPRNG. Rejection sampling keeps every character uniformly likely
 * (no modulo bias): bytes at or above the largest multiple of the alphabet size are skipped.
 */
export function generateCodes(p: CodePattern, count: number): string[] {
  const n = p.alphabet.length;
  const limit = 256 - (256 % n);
  const out: string[] = new Array(count);
  let pool = randomBytes(Math.ceil(count * p.length * 1.3) + 64);
  let at = 0;
  for (let c = 0; c < count; c++) {
    let s = p.prefix;
    for (let k = 0; k < p.length; ) {
      if (at >= pool.length) {
        pool = randomBytes(4096);
        at = 0;
      }
      const b = pool[at++];
      if (b < limit) {
        s += p.alphabet[b % n];
        k++;
      }
    }
    out[c] = s;
  }
  return out;
}
