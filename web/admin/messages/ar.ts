import type en from './en.ts';
export default {
  'app.title': 'Footfall',
} satisfies Record<keyof typeof en, string>;
