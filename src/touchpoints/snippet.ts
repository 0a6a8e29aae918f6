/**
 * The browser snippet, served as-is: ids, UTM/click-id capture, consent, batching with retry from
 * localStorage (an event leaves the queue only once the server answered for it).
 */
export function snippetSource(apiBase: string, merchant: string): string {
  return `/* Footfall touchpoint snippet */
(function (w, d) {
  var API = ${JSON.stringify(`${apiBase}/v1/shop/${merchant}/events`)};
  var LS = w.localStorage, SS = w.sessionStorage, Q = 'ff_queue', C = 'ff_consent', A = 'ff_anon', T = 'ff_attrib';
  function uuid() { return (w.crypto && w.crypto.randomUUID) ? w.crypto.randomUUID() : 'e' + Date.now().toString(36) + Math.random().toString(36).slice(2); }
  function get(k, s) { try { return JSON.parse((s || LS).getItem(k)); } catch (e) { return null; } }
  function put(k, v, s) { try { (s || LS).setItem(k, JSON.stringify(v)); } catch (e) {} }
  var anon = get(A) || uuid(); put(A, anon);
  var consent = get(C) || { analytics: true, location: false };
  var params = new URLSearchParams(w.location.search), utm = {}, clickIds = {}, found = false;
  ['source', 'medium', 'campaign', 'content', 'term'].forEach(function (k) { var v = params.get('utm_' + k); if (v) { utm[k] = v; found = true; } });
  ['gclid', 'gbraid', 'wbraid', 'fbclid', 'ttclid', 'msclkid'].forEach(function (k) { var v = params.get(k); if (v) { clickIds[k] = v; found = true; } });
  var campaignId = params.get('ff_campaign');
  var attrib = found || campaignId ? { utm: utm, clickIds: clickIds, campaignId: campaignId } : (get(T, SS) || {});
  put(T, attrib, SS);
  var queue = get(Q) || [], timer = null, sending = false, token = null;
  function track(type, props) {
    if (consent.analytics === false) return;
    var e = { id: uuid(), type: type, occurredAt: new Date().toISOString(), anonymousId: anon, url: w.location.href, referrer: d.referrer || undefined,
      consent: { analytics: consent.analytics !== false, location: !!consent.location } };
    if (attrib.utm && Object.keys(attrib.utm).length) e.utm = attrib.utm;
    if (attrib.clickIds && Object.keys(attrib.clickIds).length) e.clickIds = attrib.clickIds;
    if (attrib.campaignId) e.campaignId = attrib.campaignId;
    for (var k in (props || {})) e[k] = props[k];
    queue.push(e); if (queue.length > 500) queue = queue.slice(-500); put(Q, queue);
    if (!timer) timer = setTimeout(flush, 2000);
  }
  function flush() {
    timer = null;
    if (sending || !queue.length) return;
    sending = true;
    var batch = queue.slice(0, 100), headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    fetch(API, { method: 'POST', headers: headers, keepalive: true, body: JSON.stringify({ sentAt: new Date().toISOString(), events: batch }) })
      .then(function (r) { if (r.status >= 500 || r.status === 429) throw new Error('retry'); return r.json(); })
      .then(function () { var ids = {}; batch.forEach(function (e) { ids[e.id] = 1; }); queue = queue.filter(function (e) { return !ids[e.id]; }); put(Q, queue); })
      .catch(function () {}).then(function () { sending = false; if (queue.length && !timer) timer = setTimeout(flush, 5000); });
  }
  d.addEventListener('visibilitychange', function () { if (d.visibilityState === 'hidden') flush(); });
  d.addEventListener('click', function (ev) {
    var a = ev.target && ev.target.closest && ev.target.closest('a[href]');
    if (a && a.host !== w.location.host) track('link_click', { url: a.href });
  }, true);
  w.footfall = {
    track: track, flush: flush, anonymousId: anon,
    identify: function (t) { token = t; flush(); },
    consent: function (c) { consent = { analytics: c.analytics !== false, location: !!c.location }; put(C, consent); if (!consent.analytics) { queue = []; put(Q, queue); } },
    productView: function (productId) { track('product_view', { productId: productId }); },
    storeSearch: function (query) { track('store_locator_search', { query: query }); },
    couponClaim: function (code) { track('coupon_claim', { code: code }); },
    checkIn: function (storeId) {
      if (!consent.location || !w.navigator.geolocation) return;
      w.navigator.geolocation.getCurrentPosition(function (p) { track('geo_checkin', { storeId: storeId, location: { lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: p.coords.accuracy } }); });
    }
  };
  if (consent.analytics !== false) track('page_view');
})(window, document);
`;
}
