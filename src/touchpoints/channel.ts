/** Marketing channel of a touch, from its type, UTM medium/source, click ids and referrer. */
export function channelOf(e: { type: string; utm?: Record<string, string | undefined> | null; clickIds?: Record<string, string | undefined> | null; referrer?: string | null }): string {
  const medium = e.utm?.medium?.toLowerCase() ?? '';
  const source = e.utm?.source?.toLowerCase() ?? '';
  if (e.type.startsWith('email_') || medium === 'email' || medium === 'newsletter') return 'email';
  if (medium === 'sms' || source === 'sms') return 'sms';
  if (e.clickIds?.gclid || e.clickIds?.msclkid || ['cpc', 'ppc', 'paid_search'].includes(medium)) return 'paid_search';
  if (e.clickIds?.fbclid || e.clickIds?.ttclid || ['paid_social', 'social_paid'].includes(medium)) return 'paid_social';
  if (['social', 'social_organic'].includes(medium)) return 'social';
  if (['display', 'banner', 'cpm'].includes(medium)) return 'display';
  if (['affiliate', 'partner'].includes(medium)) return 'affiliate';
  if (medium === 'qr' || source === 'qr' || medium === 'print') return 'offline';
  if (e.type === 'geo_checkin') return 'geo';
  if (medium) return medium.slice(0, 40);
  if (e.referrer && /(google|bing|duckduckgo|yahoo|yandex|baidu)\./i.test(e.referrer)) return 'organic_search';
  if (e.referrer) return 'referral';
  return 'direct';
}
