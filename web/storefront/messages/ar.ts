import type en from './en.ts';
export default {
  "shop.brand": "Footfall",
  "nav.main": "الرئيسية",
  "nav.shop": "تسوّق",
  "home.title": "تسوّق عبر الإنترنت واستلم من المتجر",
} satisfies Record<keyof typeof en, string>;
