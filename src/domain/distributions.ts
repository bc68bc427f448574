/**
 * A food-bank point's record of one distribution day: anonymous counts, checked before they
 * are stored. The bounds keep a typo (an extra zero) or a test value out of the reports a
 * funder reads.
 */
import type { LocalDate } from './dates.ts';
import { containsEmailAddress, containsPersonalIdentityCode, containsPhoneNumber } from './personal-data.ts';
import type { Text } from '../i18n/messages.ts';

/**
 * The most persons one point may record for one day. The network's points serve tens to a
 * few hundred households a distribution (Hope ry reached 285 families with 1,200 bags in
 * all), so more than 1,000 persons at one point on one day is taken as a typing error (an
 * extra zero), not a busy day. Households are bounded by the same figure, since a household
 * has at least one person.
 */
export const MAX_PERSONS_PER_DAY = 1000;
/** Bags handed out by one point on one day: two for each person at the bound. */
export const MAX_BAGS_PER_DAY = 2 * MAX_PERSONS_PER_DAY;
export const MAX_NOTE_LENGTH = 500;

export type DistributionCounts = {
  date: LocalDate;
  households: number;
  persons?: number | null;
  children?: number | null;
  seniors?: number | null;
  bagsHandedOut: number;
  note?: string | null;
};

export type DistributionRule =
  | 'future_date'
  | 'persons_over_bound'
  | 'households_over_bound'
  | 'households_exceed_persons'
  | 'groups_need_persons'
  | 'groups_exceed_persons'
  | 'bags_over_bound'
  | 'note_personal_identity_code'
  | 'note_phone_number'
  | 'note_email_address'
  | 'correction_other_day';

export type DistributionViolation = { rule: DistributionRule; message: Text };

/**
 * The first rule a distribution record breaks, or `null`. Counts are whole and not negative
 * (the HTTP schema checks that); here: not in the future (Helsinki `today`), at most
 * {@link MAX_PERSONS_PER_DAY} persons and households, households ≤ persons, children +
 * seniors ≤ persons (children and seniors are separate groups of the persons), at most
 * {@link MAX_BAGS_PER_DAY} bags, and a note without a personal identity code, a phone number or
 * an email address.
 *
 * @example distributionViolation({ date: '2026-12-01', households: 40, persons: 35, bagsHandedOut: 40 }, '2026-12-01')
 *   // { rule: 'households_exceed_persons', message: '40 households but 35 persons: ...' }
 */
export function distributionViolation(d: DistributionCounts, today: LocalDate): DistributionViolation | null {
  const v = (rule: DistributionRule, message: Text) => ({ rule, message });
  if (d.date > today) return v('future_date', (m) => m.distributionInFuture(d.date, today));
  const persons = d.persons ?? null;
  if (persons !== null && persons > MAX_PERSONS_PER_DAY) {
    return v('persons_over_bound', (m) => m.personsOverBound(persons, MAX_PERSONS_PER_DAY));
  }
  if (d.households > MAX_PERSONS_PER_DAY) {
    return v('households_over_bound', (m) => m.householdsOverBound(d.households, MAX_PERSONS_PER_DAY));
  }
  if (persons !== null && d.households > persons) {
    return v('households_exceed_persons', (m) => m.householdsExceedPersons(d.households, persons));
  }
  const groups = (d.children ?? 0) + (d.seniors ?? 0);
  if (persons === null && (d.children != null || d.seniors != null)) {
    return v('groups_need_persons', (m) => m.groupsNeedPersons());
  }
  if (persons !== null && groups > persons) {
    return v('groups_exceed_persons', (m) => m.groupsExceedPersons(d.children ?? 0, d.seniors ?? 0, persons));
  }
  if (d.bagsHandedOut > MAX_BAGS_PER_DAY) {
    return v('bags_over_bound', (m) => m.bagsOverBound(d.bagsHandedOut, MAX_BAGS_PER_DAY));
  }
  const note = d.note ?? '';
  if (containsPersonalIdentityCode(note)) {
    return v('note_personal_identity_code', (m) => m.noteIdentityCode());
  }
  if (containsPhoneNumber(note)) {
    return v('note_phone_number', (m) => m.notePhoneNumber());
  }
  if (containsEmailAddress(note)) {
    return v('note_email_address', (m) => m.noteEmailAddress());
  }
  return null;
}

/**
 * Why a correction may not supersede a record, or `null`. A correction corrects the counts of
 * one point's day: it has the date of the record it supersedes, so a day's figures can never
 * move to another day (and vanish from the first) unseen. A record entered on the wrong day is
 * corrected to zero households and bags on its own day, and the right day recorded anew.
 *
 * @example correctionViolation({ date: '2026-11-30' }, { date: '2026-11-21' })
 *   // { rule: 'correction_other_day', message: ... }
 */
export function correctionViolation(superseded: { date: LocalDate }, correction: { date: LocalDate }): DistributionViolation | null {
  if (superseded.date !== correction.date) {
    return { rule: 'correction_other_day', message: (m) => m.correctionOtherDay(superseded.date, correction.date) };
  }
  return null;
}
