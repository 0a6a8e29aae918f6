import { randomUUID } from 'node:crypto';
import { accessCart, type CartCaller } from '../carts/cart.service.ts';
import { basketFor, evaluateCartCodes } from '../carts/cart-discounts.ts';
import type { BasketCodesInput } from '../promotions/basket.ts';
import type { DeliveryAddress, Fulfilment } from '../carts/cart.table.ts';
import { proposeSplit, storesForLines, type SplitPart } from '../carts/fulfilment-options.ts';
import { cardProvider, type CardDetails } from '../payments/provider.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { buildDrafts } from './drafts.ts';
import { merchantWithSettings } from './order-settings.ts';
import { lineRowsOf, orderRowOf, placeOrders, type OrderDraft } from './placement.ts';
import { actorLabel } from '../platform/outbox.ts';
import type { OrderParts } from './order-view.ts';
import { storeOf } from './order.repository.ts';
import { requireStoreService, SERVICE } from './store-service.ts';

export interface CheckoutInput {
  fulfilment?: Fulfilment;
  storeId?: string;
  deliveryAddress?: DeliveryAddress;
  /** The shopper agreed to split the order across stores when one store cannot supply everything. */
  acceptSplit?: boolean;
  contact?: { name?: string; email?: string; phone?: string };
  locale?: string;
  payment: { method: 'card'; card: CardDetails } | { method: 'pay_in_store' };
}

/** Which stores supply which lines: the chosen one, or with the shopper's consent a split, or for delivery any shipping store. */
async function planParts(db: Db, merchantId: string, lines: { variantId: string; quantity: number }[], fulfilment: Fulfilment, storeId: string | null, acceptSplit: boolean): Promise<SplitPart[]> {
  if (storeId && !acceptSplit) return [{ storeId, lines }];
  // Nearest to the store the shopper chose, so a split sends them to the next closest store.
  const chosen = storeId ? await storeOf(db, merchantId, storeId) : undefined;
  const options = await storesForLines(db, merchantId, lines, chosen ? { lat: chosen.lat, lng: chosen.lng } : null);
  const service = SERVICE[fulfilment];
  const whole = options.find((o) => o.canFulfilAll && o.services.includes(service) && (!storeId || o.storeId === storeId))
    ?? (fulfilment === 'delivery' && !storeId ? options.find((o) => o.canFulfilAll && o.services.includes(service)) : undefined);
  if (whole) return [{ storeId: whole.storeId, lines }];
  const split = acceptSplit ? proposeSplit(options, lines, service, storeId) : null;
  if (!split) throw new AppError('out_of_stock', 'No store can supply every item of this cart', { fulfilment });
  return split;
}

async function voidAll(db: Db, drafts: OrderDraft[]) {
  for (const d of drafts) {
    if (d.payment?.provider_ref) await cardProvider().void(db, d.payment.provider_ref);
  }
}

/**
 * Checkout: authorize the card first (nothing is charged yet), then place the orders and reserve their
 * stock in one transaction; if the stock is gone, the authorization is voided, so no shopper pays for
 * stock they cannot have. A payment the bank confirms later keeps a hold that a job releases on expiry.
 */
export async function checkout(db: Db, caller: CartCaller, cartId: string, input: CheckoutInput) {
  // What checkout reads first goes out together: the cart, its merchant and (when named) the store.
  const early = { settings: merchantWithSettings(db, caller.actor.merchantId), store: input.storeId ? storeOf(db, caller.actor.merchantId, input.storeId) : undefined };
  early.settings.catch(() => {});
  early.store?.catch(() => {});
  const cart = await accessCart(db, caller, cartId);
  const merchantId = cart.merchant_id;
  if (cart.status !== 'open') throw new AppError('cart_closed', 'This cart has already been checked out', { cartId });
  const rows = cart.lines;
  if (rows.length === 0) throw new AppError('cart_empty', 'Add something to the cart first');
  const lines = rows.map((r) => ({ variantId: r.variant_id, quantity: r.quantity }));
  const fulfilment = input.fulfilment ?? cart.fulfilment;
  const storeId = input.storeId ?? cart.store_id;
  const deliveryAddress = input.deliveryAddress ?? cart.delivery_address ?? null;
  if (fulfilment !== 'delivery' && !storeId) throw new AppError('validation', 'Choose the store for pickup: storeId');
  if (fulfilment === 'delivery' && !deliveryAddress) throw new AppError('validation', 'Home delivery needs a deliveryAddress');
  const [storeRow, { merchant, settings }] = await Promise.all([
    storeId === input.storeId ? early.store : storeId ? storeOf(db, merchantId, storeId) : undefined,
    early.settings,
  ]);
  const chosenStore = storeId ? requireStoreService(storeRow, storeId, fulfilment) : undefined;
  if (fulfilment === 'reserve_pay_in_store' && input.payment.method !== 'pay_in_store') throw new AppError('validation', 'Reserve-and-pay-in-store orders are paid at the till: payment.method pay_in_store');
  if (fulfilment !== 'reserve_pay_in_store' && input.payment.method !== 'card') throw new AppError('validation', 'Pay by card online, or choose reserve-and-pay-in-store');

  const customer = cart.customer_id
    ? await db.selectFrom('customers').select(['name', 'email', 'phone', 'locale']).where('merchant_id', '=', merchantId).where('id', '=', cart.customer_id).executeTakeFirst()
    : undefined;
  const contact = { name: input.contact?.name ?? customer?.name ?? '', email: input.contact?.email ?? customer?.email ?? null, phone: input.contact?.phone ?? customer?.phone ?? null };
  if (!contact.email && !contact.phone) throw new AppError('validation', 'Give an email or a phone number so we can tell you when the order is ready');

  const parts = await planParts(db, merchantId, lines, fulfilment, storeId, input.acceptSplit === true);
  let basket: BasketCodesInput | null = null;
  const drafts = await buildDrafts(db, {
    merchant, lines, parts, fulfilment, channel: 'web', customerId: cart.customer_id, cartId,
    contact, locale: input.locale ?? customer?.locale ?? merchant.default_locale, deliveryAddress, originStoreId: null,
    discount: async (priced) => {
      if (cart.coupon_codes.length === 0) return { codes: [], discountMinor: 0 };
      const discountInput = { codes: cart.coupon_codes, lines: priced, storeId: parts[0].storeId, channel: 'web' as const, customerId: cart.customer_id, fulfilment, currency: merchant.currency };
      const results = await evaluateCartCodes(db, merchantId, discountInput);
      const applying = results.filter((c) => c.applies);
      basket = applying.length ? { ...(await basketFor(db, merchantId, discountInput)), codes: applying.map((c) => c.code) } : null;
      return { codes: applying.map((c) => c.code), discountMinor: applying.reduce((a, c) => a + c.discountMinor, 0) };
    },
  });

  const now = Date.now();
  if (input.payment.method === 'pay_in_store') {
    for (const d of drafts) d.pickupBy = new Date(now + settings.collectionWindowHours * 3600_000);
  } else {
    const provider = cardProvider();
    for (const d of drafts) {
      const paymentId = randomUUID();
      const result = await provider.authorize(db, { merchantId, paymentId, amountMinor: d.totalMinor, currency: d.currency, card: input.payment.card });
      if (result.status === 'declined') {
        await voidAll(db, drafts);
        throw new AppError('payment_declined', `The card was declined (${result.reason.replaceAll('_', ' ')}); nothing was charged`, { reason: result.reason });
      }
      d.status = result.status === 'authorized' ? 'placed' : 'awaiting_payment';
      d.holdExpiresAt = result.status === 'pending' ? new Date(now + settings.holdMinutes * 60_000) : null;
      d.payment = {
        merchant_id: merchantId, id: paymentId, order_id: d.id, provider: provider.name, method: 'card', status: result.status,
        amount_minor: d.totalMinor, currency: d.currency, provider_ref: result.ref, card_last4: result.last4, failure_reason: null,
      };
    }
  }
  try {
    await placeOrders(db, { merchantId, actor: caller.actor, cartId, drafts, basket });
  } catch (err) {
    await voidAll(db, drafts);
    throw err;
  }
  return placedParts(db, merchantId, drafts, actorLabel(caller.actor), chosenStore);
}

/** What was just written, shaped like rows read back, so the response costs no further reads. */
export async function placedParts(db: Db, merchantId: string, drafts: OrderDraft[], by: string, known?: Awaited<ReturnType<typeof storeOf>>): Promise<OrderParts[]> {
  const now = new Date();
  const stores = new Map<string, Awaited<ReturnType<typeof storeOf>>>(known ? [[known.id, known]] : []);
  for (const d of drafts) if (!stores.has(d.storeId)) stores.set(d.storeId, await storeOf(db, merchantId, d.storeId));
  return drafts.map((d) => ({
    order: orderRowOf(merchantId, d, by, now),
    lines: lineRowsOf(merchantId, d),
    transitions: [{ from_status: null, to_status: d.status, actor: by, reason: 'checkout', created_at: now }],
    payments: d.payment ? [{ captured_minor: 0, refunded_minor: 0, created_at: now, updated_at: now, provider_ref: null, card_last4: null, failure_reason: null, ...d.payment }] : [],
    store: stores.get(d.storeId),
  }));
}
