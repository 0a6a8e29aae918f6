import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOpenAt, nextOpening, pickupReadyAt, closesAt, hoursAt, hoursAtCached } from '../../src/stores/hours.ts';

const week = { open: '10:00', close: '22:00' };
const kl = {
  timezone: 'Asia/Kuala_Lumpur', pickup_prep_minutes: 60,
  opening_hours: { mon: [week], tue: [week], wed: [week], thu: [week], fri: [week], sat: [week], sun: [{ open: '10:00', close: '18:00' }] },
  exceptions: [{ date: '2026-12-25', closed: true, intervals: [] }, { date: '2026-12-24', closed: false, intervals: [{ open: '08:00', close: '23:30' }] }],
};

describe('store hours in the store time zone', () => {
  it('is open or closed by the local clock, not UTC', () => {
    // 2026-11-24 is a Tuesday; 02:30 UTC is 10:30 in Kuala Lumpur (UTC+8).
    assert.equal(isOpenAt(kl, new Date('2026-11-24T02:30:00Z')), true);
    assert.equal(isOpenAt(kl, new Date('2026-11-24T01:59:00Z')), false);
    assert.equal(isOpenAt(kl, new Date('2026-11-24T14:00:00Z')), false, '22:00 local is closing time');
    assert.equal(closesAt(kl, new Date('2026-11-24T02:30:00Z'))?.toISOString(), '2026-11-24T14:00:00.000Z');
  });

  it('gives the next opening, skipping holidays and honouring special hours', () => {
    assert.equal(nextOpening(kl, new Date('2026-11-24T15:00:00Z'))?.toISOString(), '2026-11-25T02:00:00.000Z');
    // Christmas Eve opens early at 08:00 local and closes at 23:30; Christmas Day is closed.
    assert.equal(nextOpening(kl, new Date('2026-12-23T15:00:00Z'))?.toISOString(), '2026-12-24T00:00:00.000Z');
    assert.equal(isOpenAt(kl, new Date('2026-12-24T15:00:00Z')), true, '23:00 local on special hours');
    assert.equal(nextOpening(kl, new Date('2026-12-24T16:00:00Z'))?.toISOString(), '2026-12-26T02:00:00.000Z');
  });

  it('counts pickup preparation inside opening hours', () => {
    assert.equal(pickupReadyAt(kl, new Date('2026-11-24T03:00:00Z'))?.toISOString(), '2026-11-24T04:00:00.000Z');
    // Ordered 30 minutes before closing: 30 minutes tonight, 30 tomorrow after opening.
    assert.equal(pickupReadyAt(kl, new Date('2026-11-24T13:30:00Z'))?.toISOString(), '2026-11-25T02:30:00.000Z');
    // Ordered at night: ready an hour after the next opening.
    assert.equal(pickupReadyAt(kl, new Date('2026-11-24T18:00:00Z'))?.toISOString(), '2026-11-25T03:00:00.000Z');
  });

  it('handles hours past midnight and daylight saving time', () => {
    const late = { timezone: 'Europe/London', opening_hours: { sat: [{ open: '20:00', close: '02:00' }] } };
    // Saturday 2026-03-28 20:00 GMT to Sunday 02:00; the clocks go forward on Sunday 29 March at 01:00.
    assert.equal(isOpenAt(late, new Date('2026-03-28T23:30:00Z')), true);
    assert.equal(isOpenAt(late, new Date('2026-03-29T00:30:00Z')), true, '01:30 BST is still before 02:00');
    assert.equal(isOpenAt(late, new Date('2026-03-29T01:00:00Z')), false);
    const ny = { timezone: 'America/New_York', opening_hours: { mon: [{ open: '09:00', close: '17:00' }] } };
    assert.equal(nextOpening(ny, new Date('2026-07-05T12:00:00Z'))?.toISOString(), '2026-07-06T13:00:00.000Z');
    assert.equal(nextOpening(ny, new Date('2026-01-04T12:00:00Z'))?.toISOString(), '2026-01-05T14:00:00.000Z');
  });

  it('answers null when a store is closed for weeks', () => {
    assert.equal(nextOpening({ timezone: 'UTC', opening_hours: {} }, new Date()), null);
  });

  it('answers the same in one walk (hoursAt) as the separate functions', () => {
    const late = { timezone: 'Europe/London', pickup_prep_minutes: 90, opening_hours: { fri: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '02:00' }], sat: [{ open: '20:00', close: '02:00' }] } };
    for (const store of [kl, late]) {
      for (let t = Date.parse('2026-03-20T00:00:00Z'); t < Date.parse('2026-04-05T00:00:00Z'); t += 37 * 60_000) {
        const at = new Date(t);
        const open = isOpenAt(store, at);
        assert.deepEqual(hoursAt(store, at), {
          openNow: open,
          opensAt: open ? null : nextOpening(store, at)?.toISOString() ?? null,
          closesAt: open ? closesAt(store, at)?.toISOString() ?? null : null,
          pickupReadyAt: pickupReadyAt(store, at)?.toISOString() ?? null,
        }, at.toISOString());
      }
    }
  });

  it('answers the same from the per-day interval cache (hoursAtCached) as hoursAt, across days and DST', () => {
    const late = { timezone: 'Europe/London', pickup_prep_minutes: 90, opening_hours: { fri: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '02:00' }], sat: [{ open: '20:00', close: '02:00' }] } };
    for (const [id, store] of [['kl', kl], ['london', late]] as const) {
      for (let t = Date.parse('2026-03-20T00:00:00Z'); t < Date.parse('2026-04-05T00:00:00Z'); t += 23 * 60_000) {
        const at = new Date(t);
        assert.deepEqual(hoursAtCached(id, JSON.stringify(store), () => store, at), hoursAt(store, at), `${id} ${at.toISOString()}`);
      }
      // Inside a minute the cached answer is hoursAt's, except that pickup counts from the minute's end:
      // never earlier than the exact time, and less than a minute later.
      for (let t = Date.parse('2026-03-27T06:00:17Z'); t < Date.parse('2026-03-30T06:00:00Z'); t += 41 * 60_000 + 13_000) {
        const at = new Date(t);
        const cached = hoursAtCached(id, JSON.stringify(store), () => store, at);
        const exact = hoursAt(store, at);
        assert.deepEqual({ ...cached, pickupReadyAt: null }, { ...exact, pickupReadyAt: null }, `${id} ${at.toISOString()}`);
        if (exact.pickupReadyAt) {
          const late = Date.parse(cached.pickupReadyAt!) - Date.parse(exact.pickupReadyAt);
          assert.ok(late >= 0 && late < 60_000, `${id} ${at.toISOString()}: ready ${cached.pickupReadyAt} against ${exact.pickupReadyAt}`);
        }
      }
      // Hours that change (a new version) are picked up at once.
      const closed = { ...store, opening_hours: {} };
      assert.equal(hoursAtCached(id, 'closed', () => closed, new Date('2026-04-01T12:00:00Z')).openNow, false);
    }
  });
});
