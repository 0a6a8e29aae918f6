/**
 * Product placeholder pictures drawn by our own code (no downloads): a key such as
 * "kettle-a3f9" gives a stable colour and a simple line drawing of the product kind.
 */
const SHAPES: Record<string, string> = {
  kettle: '<path d="M70 150 h100 l-10 -80 h-80 z" /><path d="M170 95 q30 0 25 35 l-25 10" /><path d="M90 70 q30 -25 60 0" />',
  fan: '<circle cx="120" cy="95" r="45" /><path d="M120 95 l30 -30 M120 95 l-35 -20 M120 95 l5 42" /><path d="M120 140 v30 M90 172 h60" />',
  tv: '<rect x="45" y="50" width="150" height="95" rx="6" /><path d="M100 170 h40 M120 145 v25" />',
  headphones: '<path d="M60 130 v-30 a60 60 0 0 1 120 0 v30" /><rect x="52" y="120" width="22" height="40" rx="8" /><rect x="166" y="120" width="22" height="40" rx="8" />',
  cookware: '<path d="M55 100 h130 v40 a20 20 0 0 1 -20 20 h-90 a20 20 0 0 1 -20 -20 z" /><path d="M185 110 h35 M55 110 h-35" />',
  lamp: '<path d="M85 60 h70 l20 55 h-110 z" /><path d="M120 115 v50 M90 170 h60" />',
  generic: '<rect x="65" y="55" width="110" height="110" rx="10" /><path d="M65 90 h110" />',
};

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }[c]!));

function hue(key: string): number {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % 360;
}

export const PLACEHOLDER_KEY = /^[a-z0-9][a-z0-9-]{0,80}$/;

export function placeholderSvg(key: string, label?: string): string {
  const kind = Object.keys(SHAPES).find((k) => key.startsWith(k)) ?? 'generic';
  const h = hue(key);
  const text = escapeXml((label ?? key).slice(0, 40));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240" width="480" height="480" role="img" aria-label="${text}">`
    + `<rect width="240" height="240" fill="hsl(${h} 55% 92%)" />`
    + `<g fill="none" stroke="hsl(${h} 45% 35%)" stroke-width="6" stroke-linecap="round" stroke-linejoin="round">${SHAPES[kind]}</g>`
    + `<text x="120" y="215" text-anchor="middle" font-family="sans-serif" font-size="14" fill="hsl(${h} 40% 25%)">${text}</text></svg>`;
}
