import { accountPasswordReset, accountWelcome, notificationTest } from './platform.templates.ts';

/** The locales every message template is written in. */
export const LOCALES = ['en', 'fa', 'ar', 'ru', 'ms', 'th'] as const;
export type Locale = (typeof LOCALES)[number];

export interface RenderedMessage {
  subject: string;
  text: string;
  html?: string;
}

/** One template: a renderer per locale. `en` is the fallback for a locale a template lacks. */
export type MessageTemplate = { en: (data: Record<string, any>) => RenderedMessage } & Partial<Record<Locale, (data: Record<string, any>) => RenderedMessage>>;

// orders
import { orderTemplates } from '../orders/order.templates.ts';
// promotions
import { promotionTemplates } from '../promotions/promotion.templates.ts';

// Domains add their templates in their section, by name (e.g. 'order.ready_for_pickup').
export const templates: Record<string, MessageTemplate> = {
  // platform
  'account.welcome': accountWelcome,
  'account.password_reset': accountPasswordReset,
  'notification.test': notificationTest,

  // stores, catalog, inventory

  // orders
  ...orderTemplates,

  // promotions
  ...promotionTemplates,

  // customers, analytics

};

export function renderTemplate(name: string, locale: string, data: Record<string, unknown>): RenderedMessage {
  const template = templates[name];
  if (!template) throw new Error(`No message template "${name}"`);
  const render = template[locale as Locale] ?? template.en;
  return render(data);
}
