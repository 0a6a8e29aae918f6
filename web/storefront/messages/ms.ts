import type en from './en.ts';
export default {
  "shop.brand": "Footfall",
  "nav.main": "Utama",
  "nav.shop": "Beli-belah",
  "home.title": "Beli dalam talian, ambil di kedai",
} satisfies Record<keyof typeof en, string>;
