import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkConditions, computeOffer, localTime, type BasketLine, type SaleFacts } from '../../src/promotions/offers/offer-rules.ts';
import { generateCodes, normalizeCode, SAFE_ALPHABET } from '../../src/promotions/codes/code-format.ts';

const lines: BasketLine[] = [
  { variantId: 'v-kettle', productId: 'p-kettle', categoryId: 'c-kitchen', quantity: 1, unitPriceMinor: 12_000 },
  { variantId: 'v-mug', productId: 'p-mug', categoryId: 'c-kitchen', quantity: 3, unitPriceMinor: 2_000 },
  { variantId: 'v-lamp', productId: 'p-lamp', categoryId: 'c-light', quantity: 1, unitPriceMinor: 8_000 },
];
const remaining = () => lines.map((l) => l.quantity * l.unitPriceMinor);
const discount = (r: ReturnType<typeof computeOffer>) => (r.ok ? r.applied.discountMinor : r.reason);

describe('offer rules', () => {
  it('computes every kind of offer on the eligible items', () => {
    assert.equal(discount(computeOffer('percent_off', { percentBp: 1_000 }, { categoryIds: ['c-kitchen'] }, lines, remaining())), 1_800);
    assert.equal(discount(computeOffer('percent_off', { percentBp: 5_000, maxDiscountMinor: 5_000 }, {}, lines, remaining())), 5_000);
    assert.equal(discount(computeOffer('amount_off', { amountMinor: 100_000 }, { productIds: ['p-lamp'] }, lines, remaining())), 8_000, 'never more than the items cost');
    assert.equal(discount(computeOffer('fixed_price', { priceMinor: 1_500, maxUnits: 2 }, { productIds: ['p-mug'] }, lines, remaining())), 1_000);
    assert.equal(discount(computeOffer('free_item', { variantId: 'v-mug' }, {}, lines, remaining())), 2_000);
    assert.equal(discount(computeOffer('free_item', { variantId: 'v-none' }, {}, lines, remaining())), 'free_item_not_in_basket');
    assert.equal(discount(computeOffer('buy_x_get_y', { buyQuantity: 2, getQuantity: 1 }, { productIds: ['p-mug'] }, lines, remaining())), 2_000);
    assert.equal(discount(computeOffer('buy_x_get_y', { buyQuantity: 3, getQuantity: 1 }, { productIds: ['p-mug'] }, lines, remaining())), 'no_eligible_items');
    assert.equal(discount(computeOffer('pickup_discount', { amountMinor: 500 }, {}, lines, remaining(), 'delivery')), 'pickup_only');
    assert.equal(discount(computeOffer('pickup_discount', { percentBp: 1_000 }, {}, lines, remaining(), 'pickup')), 2_600);
    const gift = computeOffer('gift_with_purchase', { variantId: 'v-gift' }, {}, lines, remaining());
    assert.deepEqual(gift.ok && [gift.applied.discountMinor, gift.applied.gift], [0, { variantId: 'v-gift', quantity: 1 }]);
    const points = computeOffer('points_multiplier', { multiplier: 3 }, {}, lines, remaining());
    assert.equal(points.ok && points.applied.pointsMultiplier, 3);
  });

  it('checks conditions: channel, stores, spend, windows in the store time zone, distance, customers', () => {
    const saturdayNoonKL = new Date('2026-11-28T04:00:00Z');
    assert.deepEqual(localTime(saturdayNoonKL, 'Asia/Kuala_Lumpur'), { day: 'sat', minutes: 12 * 60 });
    const facts: SaleFacts = {
      at: saturdayNoonKL, channel: 'in_store', storeId: 's1', storeTimezone: 'Asia/Kuala_Lumpur', storeLocation: { lat: 3.139, lng: 101.687 },
      customerId: null, isFirstPurchase: null, customerSegmentIds: new Set(),
    };
    const reason = (c: Parameters<typeof checkConditions>[0], f: Partial<SaleFacts> = {}) => checkConditions(c, lines, { ...facts, ...f })?.ok === false
      ? (checkConditions(c, lines, { ...facts, ...f }) as { reason: string }).reason : null;
    assert.equal(reason({ channel: 'online' }), 'wrong_channel');
    assert.equal(reason({ storeIds: ['s2'] }), 'wrong_store');
    assert.equal(reason({ minSpendMinor: 30_000 }), 'min_spend_not_met');
    assert.equal(reason({ windows: [{ days: ['sat'], from: '10:00', to: '14:00' }] }), null);
    assert.equal(reason({ windows: [{ days: ['sat'], from: '13:00', to: '14:00' }] }), 'outside_time_window');
    assert.equal(reason({ windows: [{ days: ['sun'], from: '00:00', to: '24:00' }] }), 'outside_time_window');
    assert.equal(reason({ maxDistanceM: 1_000 }), null, 'at the till the shopper is in the store');
    assert.equal(reason({ maxDistanceM: 1_000 }, { channel: 'online' }), 'location_required');
    assert.equal(reason({ maxDistanceM: 1_000 }, { channel: 'online', shopperLocation: { lat: 3.2, lng: 101.7 } }), 'too_far');
    assert.equal(reason({ segmentIds: ['seg'] }), 'customer_required');
    assert.equal(reason({ segmentIds: ['seg'] }, { customerId: 'c' }), 'not_in_segment');
    assert.equal(reason({ segmentIds: ['seg'] }, { customerId: 'c', customerSegmentIds: new Set(['seg']) }), null);
    assert.equal(reason({ firstPurchase: true }, { customerId: 'c', isFirstPurchase: false }), 'first_purchase_only');
  });

  it('generates codes from the alphabet and normalises typed codes', () => {
    const codes = generateCodes({ length: 12, prefix: 'AB-', alphabet: SAFE_ALPHABET }, 2_000);
    assert.equal(new Set(codes).size, 2_000);
    assert.ok(codes.every((c) => /^AB-[ACDEFGHJKMNPQRTUVWXY34679]{12}$/.test(c)));
    assert.equal(normalizeCode(' spring25 '), 'SPRING25');
    assert.equal(normalizeCode('ＳＰＲＩＮＧ２５'), 'SPRING25');
    for (const bad of ['SPRІNG25', 'SPR ING', 'SPRING25-', '-X1', 'ΑΒ12', 'a', 'x'.repeat(65)]) {
      assert.throws(() => normalizeCode(bad), (e: any) => e.code === 'malformed_code', bad);
    }
  });
});
