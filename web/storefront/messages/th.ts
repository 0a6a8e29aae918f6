import type en from './en.ts';
export default {
  "shop.brand": "Footfall",
  "nav.main": "เมนูหลัก",
  "nav.shop": "ช้อป",
  "home.title": "ช้อปออนไลน์ รับที่ร้าน",
} satisfies Record<keyof typeof en, string>;
