import { z } from 'zod';
import { MAX_BAGS_PER_RESERVATION, RESERVATION_STATUSES } from '../../domain/reservations.ts';
import { check, dateWindow, instant, localDate, pageQuery, temperatureClass } from '../../http/schemas.ts';
import { bagType } from '../packing/packing.schemas.ts';

const bagCount = z.number().int().min(1).max(MAX_BAGS_PER_RESERVATION);

export const reservationSchema = z.object({
  id: z.uuid(),
  pointId: z.uuid(),
  depotId: z.uuid(),
  date: localDate,
  bagType,
  /** The class of the bags held; omitted: bags of any class. */
  temperatureClass: temperatureClass.optional(),
  bags: z.number().int(),
  status: z.enum(RESERVATION_STATUSES),
  /** Filled when the delivery is recorded (may be fewer than `bags`). */
  bagsDelivered: z.number().int().optional(),
  /** Filled when the point lead confirms receipt. */
  bagsReceived: z.number().int().optional(),
  createdAt: z.string(),
  cancelledAt: z.string().optional(),
  dispatchedAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  confirmedAt: z.string().optional(),
  /** Of `bags`, how many an excursion at the depot holds now (they go out only once released). In `GET /reservations` and `GET /reservations/:id`. */
  heldBags: z.number().int().optional(),
  /** Bags a recall took off this reservation (no longer in `bags`; they never go out). */
  recalledBags: z.number().int().optional(),
});
export type ReservationDto = z.infer<typeof reservationSchema>;

export const createReservationBody = z.strictObject({
  pointId: z.uuid(),
  date: localDate,
  bagType,
  /** Hold bags of this class only; omitted: bags of any class. */
  temperatureClass: temperatureClass.optional(),
  bags: bagCount,
});

export const listReservationsQuery = dateWindow(z.strictObject({
  date: localDate.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  pointId: z.uuid().optional(),
  status: z.enum(RESERVATION_STATUSES).optional(),
  bagType: bagType.optional(),
  ...pageQuery,
}));

export const deliveryBody = z.strictObject({
  bagsDelivered: z.number().int().min(0).max(MAX_BAGS_PER_RESERVATION),
  /** What happens to bags that were not delivered: back to stock (unless past use-by) or discarded. */
  returned: z.enum(['stock', 'discard']).default('stock'),
  /** Chilled and frozen bags that come back return to stock only when the cold chain was kept; otherwise discarded (`temperature`). */
  coldChainKept: z.boolean().default(false),
  reason: z.string().trim().min(1).max(200).optional(),
  /**
   * When the delivery happened (default now): it may be recorded later, but bags are handed out
   * on the reservation's day only (a later time with bags delivered is 422 `completed_after_route_day`),
   * and judged against their hand-out dates on that day.
   */
  completedAt: instant.optional(),
}).refine((b) => b.returned !== 'discard' || b.reason, { ...check('reasonForDiscard'), path: ['reason'] });

export const confirmBody = z.strictObject({
  bagsReceived: z.number().int().min(0).max(MAX_BAGS_PER_RESERVATION),
});

export const capSchema = z.object({
  pointId: z.uuid(),
  bagType,
  bagsPerDay: z.number().int(),
  updatedAt: z.string(),
  /** With `?date=`: bags of the point's non-cancelled reservations that day, and what is left. */
  reserved: z.number().int().optional(),
  remaining: z.number().int().optional(),
});
export const setCapBody = z.strictObject({
  bagType,
  bagsPerDay: z.number().int().min(0).max(100_000),
});
export const listCapsQuery = z.strictObject({ date: localDate.optional(), ...pageQuery });
