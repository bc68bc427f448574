/**
 * What a recall does, as pure rules: which product names it matches, and what becomes of each
 * bag it reaches, by where the bag is. Traceability one step forward (Regulation 178/2002 arts.
 * 18 and 19, as Ruokavirasto's *Ruoka-apuohje* 931/04.02.00.01/2022 applies them to food aid):
 * a food-aid operator that learns of unsafe food withdraws what it still holds and tells the
 * points it passed the food to.
 */

import { containsEmailAddress, containsPersonalIdentityCode, containsPhoneNumber } from './personal-data.ts';

/**
 * A product name as a recall compares it: lower case, accents gone (é → e, å → a; ä and ö too,
 * so "Naudan paisti" and "NAUDAN PAISTI" and "naudan  paisti" are one), spaces collapsed.
 *
 * @example normaliseProductName('  Naudan   PAISTI ') // 'naudan paisti'
 */
export function normaliseProductName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Whether a recall's `product` matches a lot's product name: the query, normalised, appears
 * inside the name, normalised. A word inside a name matches ("paisti" finds "Naudan paisti"),
 * and so does a word inside a Finnish compound ("paisti" finds "Naudanpaisti"): a recall
 * reaches too far rather than too short, and the read-only trace (`GET /recalls?product=`)
 * shows what it would reach before one is started.
 *
 * @example productMatches('Naudan paisti 400 g', 'PAISTI') // true
 * @example productMatches(null, 'paisti') // false
 */
export function productMatches(name: string | null, query: string): boolean {
  if (name === null) return false;
  const q = normaliseProductName(query);
  return q.length > 0 && normaliseProductName(name).includes(q);
}

/**
 * What a recall does to a bag, by its status when the recall comes: a bag still at the depot
 * (in stock, reserved or held) is taken out for good (`recalled`: never reserved, loaded or
 * delivered); a bag on a vehicle is listed to bring back; a delivered bag is listed by point,
 * whose lead is told at once; a bag already discarded or recalled needs nothing.
 *
 * @example recallBagAction('reserved') // 'withdraw'
 * @example recallBagAction('dispatched') // 'bring_back'
 */
export function recallBagAction(status: string): 'withdraw' | 'bring_back' | 'tell_point' | 'none' {
  if (status === 'in_stock' || status === 'reserved' || status === 'held') return 'withdraw';
  if (status === 'dispatched') return 'bring_back';
  if (status === 'delivered') return 'tell_point';
  return 'none';
}

/** Why a point's acknowledgement note is refused: it names a household (an identity code, a phone number, an email address). */
export type RecallNoteRule = 'note_personal_identity_code' | 'note_phone_number' | 'note_email_address';

/**
 * Why a point's acknowledgement of a recall may not be recorded as written, or `null`. The note
 * says what the point did ("bags returned, households told"); it is kept for good, in the
 * recall and in the audit trail, which an erasure cannot reach, so it must not name who was
 * served: a personal identity code, a phone number or an email address in it is refused, as
 * in a distribution day's note (GDPR art. 5(1)(c), data minimisation).
 *
 * @example recallNoteViolation('Kassit palautettu, kotitaloudet tavoitettu') // null
 * @example recallNoteViolation('Soitettu: 040 123 4567') // 'note_phone_number'
 */
export function recallNoteViolation(note: string): RecallNoteRule | null {
  if (containsPersonalIdentityCode(note)) return 'note_personal_identity_code';
  if (containsPhoneNumber(note)) return 'note_phone_number';
  if (containsEmailAddress(note)) return 'note_email_address';
  return null;
}
