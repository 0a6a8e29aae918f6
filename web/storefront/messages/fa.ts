import type en from './en.ts';
export default {
  "shop.brand": "Footfall",
  "nav.main": "اصلی",
  "nav.shop": "فروشگاه",
  "home.title": "آنلاین بخرید، از فروشگاه تحویل بگیرید",
} satisfies Record<keyof typeof en, string>;
