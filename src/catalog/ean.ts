/** The EAN-13 check digit of the first 12 digits (weights 1,3,1,3,… from the left). */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** A valid EAN-13 from a 12-digit body (a GS1 prefix plus item number). */
export const ean13 = (first12: string) => first12 + ean13CheckDigit(first12);
