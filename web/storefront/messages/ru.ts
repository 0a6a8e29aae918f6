import type en from './en.ts';
export default {
  "shop.brand": "Footfall",
  "nav.main": "Главное меню",
  "nav.shop": "Каталог",
  "home.title": "Покупайте онлайн, забирайте в магазине",
} satisfies Record<keyof typeof en, string>;
