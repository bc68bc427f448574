/**
 * What a recall does, as pure rules: which product names it matches, and what becomes of each
 * bag it reaches, by where the bag is. Traceability one step forward (Regulation 178/2002 arts.
 * 18 and 19, as Ruokavirasto's *Ruoka-apuohje* 931/04.02.00.01/2022 applies them to food aid):
 * a food-aid operator that learns of unsafe food withdraws what it still holds and tells the
 * points it passed the food to.
 */

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
