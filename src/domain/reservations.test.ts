import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BAG_STATUSES, BAG_TRANSITIONS, RESERVATION_STATUSES, canMoveBag, canMoveReservation, checkChangeWindow, checkReservationDate,
  fitsCap, isDistributionDay, remainingCap, settleDelivery, splitDelivered,
} from './reservations.ts';

describe('bag and reservation state transitions', () => {
  it('allows exactly the forward path, cancel release, short-delivery return, discard, holds and recalls', () => {
    const allowed = BAG_STATUSES.flatMap((from) => BAG_STATUSES.filter((to) => canMoveBag(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual([
      'dispatched->delivered', 'dispatched->discarded', 'dispatched->in_stock',
      'held->discarded', 'held->in_stock', 'held->recalled', 'held->reserved',
      'in_stock->discarded', 'in_stock->held', 'in_stock->recalled', 'in_stock->reserved',
      'reserved->discarded', 'reserved->dispatched', 'reserved->held', 'reserved->in_stock', 'reserved->recalled',
    ]);
  });

  it('never dispatches or delivers a held or recalled bag, and a recall is final', () => {
    for (const from of ['held', 'recalled'] as const) {
      expect(canMoveBag(from, 'dispatched')).toBe(false);
      expect(canMoveBag(from, 'delivered')).toBe(false);
    }
    expect(BAG_TRANSITIONS.recalled).toEqual([]);
  });

  it('never lets a delivered or discarded bag change again', () => {
    expect(BAG_TRANSITIONS.delivered).toEqual([]);
    expect(BAG_TRANSITIONS.discarded).toEqual([]);
    expect(canMoveBag('delivered', 'in_stock')).toBe(false);
    expect(canMoveBag('in_stock', 'delivered')).toBe(false);
    expect(canMoveBag('in_stock', 'dispatched')).toBe(false);
  });

  it('lets a held reservation be cancelled or dispatched, and nothing leave delivered or cancelled', () => {
    const allowed = RESERVATION_STATUSES.flatMap((from) => RESERVATION_STATUSES.filter((to) => canMoveReservation(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(['dispatched->delivered', 'held->cancelled', 'held->dispatched']);
    expect(canMoveReservation('delivered', 'cancelled')).toBe(false);
    expect(canMoveReservation('dispatched', 'cancelled')).toBe(false);
  });
});

describe('change window and distribution days', () => {
  // 2026-03-03 is a Tuesday; its cut-off is 2026-03-02 18:00 EET = 16:00Z.
  it('lets a point lead change a day until 18:00 Helsinki the evening before', () => {
    expect(checkChangeWindow({ date: '2026-03-03', now: new Date('2026-03-02T15:59:59Z'), coordinator: false })).toEqual({ ok: true });
    expect(checkChangeWindow({ date: '2026-03-03', now: new Date('2026-03-02T16:00:00Z'), coordinator: false }))
      .toMatchObject({ ok: false, rule: 'after_planning_cutoff' });
  });

  it('lets a coordinator change a day after the cut-off, even on the day itself', () => {
    expect(checkChangeWindow({ date: '2026-03-03', now: new Date('2026-03-03T09:00:00Z'), coordinator: true })).toEqual({ ok: true });
  });

  it('keeps the cut-off at 18:00 local across the spring DST change', () => {
    // Monday 2026-03-30 is the first day of summer time; the cut-off is Sunday 18:00 EEST = 15:00Z.
    expect(checkChangeWindow({ date: '2026-03-30', now: new Date('2026-03-29T14:59:00Z'), coordinator: false }).ok).toBe(true);
    expect(checkChangeWindow({ date: '2026-03-30', now: new Date('2026-03-29T15:00:00Z'), coordinator: false }).ok).toBe(false);
  });

  it('refuses yesterday for everyone, judged on the Helsinki calendar', () => {
    // 22:30Z on March 2 is already March 3 in Helsinki.
    expect(checkChangeWindow({ date: '2026-03-02', now: new Date('2026-03-02T22:30:00Z'), coordinator: true }))
      .toMatchObject({ ok: false, rule: 'date_in_past' });
  });

  it('accepts only the weekdays the point distributes on', () => {
    expect(isDistributionDay('2026-03-03', ['tue'])).toBe(true);
    expect(isDistributionDay('2026-03-04', ['tue'])).toBe(false);
    expect(checkReservationDate({ date: '2026-03-04', weekdays: ['tue'], now: new Date('2026-03-01T10:00:00Z'), coordinator: true }))
      .toMatchObject({ ok: false, rule: 'not_a_distribution_day' });
    expect(checkReservationDate({ date: '2026-03-03', weekdays: ['tue', 'fri'], now: new Date('2026-03-01T10:00:00Z'), coordinator: false }))
      .toEqual({ ok: true });
  });
});

describe('cap arithmetic', () => {
  it('subtracts the day’s other reservations from the cap, never below zero', () => {
    expect(remainingCap(10, [3, 4])).toBe(3);
    expect(remainingCap(5, [4, 4])).toBe(0);
    expect(remainingCap(null, [50])).toBeNull();
  });

  it('fits exactly the remaining cap and no more', () => {
    expect(fitsCap(3, 3)).toBe(true);
    expect(fitsCap(4, 3)).toBe(false);
    expect(fitsCap(1000, null)).toBe(true);
    expect(fitsCap(1, 0)).toBe(false);
  });
});

describe('delivery', () => {
  it('splits a stop’s count over its reservations in order', () => {
    expect([...splitDelivered([{ id: 'a', bags: 3 }, { id: 'b', bags: 2 }], 4)]).toEqual([['a', 3], ['b', 1]]);
    expect([...splitDelivered([{ id: 'a', bags: 3 }], 0)]).toEqual([['a', 0]]);
    expect(() => splitDelivered([{ id: 'a', bags: 3 }], 4)).toThrow(RangeError);
    expect(() => splitDelivered([{ id: 'a', bags: 3 }], -1)).toThrow(RangeError);
  });

  it('hands out the bags expiring first and returns the rest to stock', () => {
    const out = settleDelivery([
      { id: 'late', handOutBy: '2026-03-09' }, { id: 'none', handOutBy: null }, { id: 'soon', handOutBy: '2026-03-04' },
    ], 1, { today: '2026-03-03', returned: 'stock' });
    expect(out).toEqual([
      { id: 'soon', to: 'delivered', reason: null },
      { id: 'late', to: 'in_stock', reason: null },
      { id: 'none', to: 'in_stock', reason: null },
    ]);
  });

  it('discards a returned bag whose hand-out date has passed, with the reason', () => {
    const out = settleDelivery([{ id: 'a', handOutBy: '2026-03-02' }], 0, { today: '2026-03-03', returned: 'stock' });
    expect(out[0]).toMatchObject({ to: 'discarded' });
    expect(out[0].reason).toMatch(/hand-out date 2026-03-02/);
  });

  it('never hands out a bag past its date: those go last and a count reaching them is refused', () => {
    const bags = [{ id: 'old', handOutBy: '2026-03-02' }, { id: 'ok', handOutBy: '2026-03-04' }];
    expect(settleDelivery(bags, 1, { today: '2026-03-03', returned: 'stock' }).map((o) => [o.id, o.to]))
      .toEqual([['ok', 'delivered'], ['old', 'discarded']]);
    expect(() => settleDelivery(bags, 2, { today: '2026-03-03', returned: 'stock' })).toThrow(RangeError);
  });

  it('judges returned bags on the day they are back in stock when the delivery is recorded later', () => {
    const bags = [{ id: 'a', handOutBy: '2026-03-03' }, { id: 'b', handOutBy: '2026-03-03' }];
    expect(settleDelivery(bags, 1, { today: '2026-03-03', returnedOn: '2026-03-04', returned: 'stock' }).map((o) => o.to)).toEqual(['delivered', 'discarded']);
  });

  it('discards every undelivered bag when asked, with the given reason', () => {
    const out = settleDelivery([{ id: 'a', handOutBy: null }, { id: 'b', handOutBy: null }], 1, { today: '2026-03-03', returned: 'discard', reason: 'crushed' });
    expect(out.map((o) => o.to)).toEqual(['delivered', 'discarded']);
    expect(out[1].reason).toBe('crushed');
  });

  it('accounts for every bag exactly once (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.option(fc.constantFrom('2026-03-01', '2026-03-03', '2026-03-05'), { nil: null }), { maxLength: 20 }),
      fc.nat(),
      fc.constantFrom('stock' as const, 'discard' as const),
      (useBys, seed, returned) => {
        const bags = useBys.map((u, i) => ({ id: `b${String(i).padStart(2, '0')}`, handOutBy: u }));
        const handable = bags.filter((b) => b.handOutBy === null || b.handOutBy >= '2026-03-03').length;
        const delivered = seed % (handable + 1);
        const out = settleDelivery(bags, delivered, { today: '2026-03-03', returned });
        expect(out.map((o) => o.id).sort()).toEqual(bags.map((b) => b.id).sort());
        expect(out.filter((o) => o.to === 'delivered')).toHaveLength(delivered);
        for (const o of out) {
          const bag = bags.find((b) => b.id === o.id)!;
          if (o.to === 'in_stock' || o.to === 'delivered') expect(bag.handOutBy === null || bag.handOutBy >= '2026-03-03').toBe(true);
        }
        if (delivered < handable) expect(() => settleDelivery(bags, handable + 1, { today: '2026-03-03', returned })).toThrow(RangeError);
      },
    ), { numRuns: 200 });
  });
});

describe('settleDelivery and the cold chain', () => {
  const today = '2026-03-03';
  const bags = [
    { id: 'a', handOutBy: null, temperatureClass: 'chilled' as const },
    { id: 'b', handOutBy: null, temperatureClass: 'ambient' as const },
  ];
  it('discards an undelivered chilled bag with reason temperature unless the cold chain was kept', () => {
    expect(settleDelivery(bags, 0, { today, returned: 'stock' })).toEqual([
      { id: 'a', to: 'discarded', reason: 'temperature' }, { id: 'b', to: 'in_stock', reason: null },
    ]);
    expect(settleDelivery(bags, 0, { today, returned: 'stock', coldChainKept: true }).map((o) => o.to)).toEqual(['in_stock', 'in_stock']);
  });
});
