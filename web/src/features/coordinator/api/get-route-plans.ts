import type { ApiItem } from '../../../api/types.ts';
import { getAll } from '../../../lib/api.ts';

/** A plan version as the list gives it (without routes). */
export type PlanVersion = ApiItem<'/route-plans'>;

/** `GET /route-plans?depotId=&date=`: a depot's plans of a day, newest first (none when it fails). */
export const getRoutePlans = async (depotId: string, date: string) =>
  ((await getAll<PlanVersion>(`/route-plans?depotId=${depotId}&date=${date}`)).body as { items?: PlanVersion[] }).items ?? [];
