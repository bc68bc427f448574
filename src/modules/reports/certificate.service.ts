import type { Database, Executor } from '../../db/client.ts';
import { CO2E_FACTOR_SOURCE, CO2E_KG_PER_KG_FOOD, co2eAvoidedG } from '../../domain/co2e.ts';
import { requireSite } from '../sites/sites.service.ts';
import { donorIntakeByCategoryMonth, donorRefusalsByReason } from './reports.repo.ts';
import type { Certificate, FunderQuery } from './reports.schemas.ts';
import { gramsToKg } from '../../domain/weight.ts';

/**
 * `GET /reports/donors/:id/certificate`: what a donor gave in a period, by category and
 * local month, from the ledger's intake entries, and the CO₂e that food would have caused
 * as waste (a published factor per kg), and what was refused at receipt (by reason). CO₂e
 * counts only what was received: refused food was not rescued.
 */
export async function donorCertificate(database: Database, ex: Executor, donorId: string, q: Pick<FunderQuery, 'from' | 'to'>): Promise<Certificate> {
  const donor = await requireSite(ex, donorId, 'donor');
  const rows = await donorIntakeByCategoryMonth(database, ex, { donorId, from: q.from, to: q.to });
  const byCategory = new Map<string, number>();
  for (const r of rows) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.grams);
  const totalG = rows.reduce((s, r) => s + r.grams, 0);
  const refused = await donorRefusalsByReason(database, ex, { donorId, from: q.from, to: q.to });
  return {
    donorId,
    donorName: donor.name,
    from: q.from,
    to: q.to,
    months: rows.map((r) => ({ month: r.month, category: r.category, kgReceived: gramsToKg(r.grams) })),
    byCategory: [...byCategory].map(([category, g]) => ({ category, kgReceived: gramsToKg(g) })),
    kgReceived: gramsToKg(totalG),
    kgRefused: gramsToKg(refused.reduce((s, r) => s + r.grams, 0)),
    refusedByReason: refused.map((r) => ({ reason: r.reason, kgRefused: gramsToKg(r.grams) })),
    co2eAvoidedKg: gramsToKg(co2eAvoidedG(totalG)),
    co2eFactorKgPerKg: CO2E_KG_PER_KG_FOOD,
    co2eFactorSource: CO2E_FACTOR_SOURCE,
  };
}
