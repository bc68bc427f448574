import { getAll, request } from '../../../lib/api.ts';
import type { Plan } from '../coordinator.ts';

/** `GET /route-plans/:id`: a plan with its routes. */
export const getRoutePlan = async (id: string) => (await request<Plan>('GET', `/route-plans/${id}`)).body;

/** `GET /route-plans?depotId=&date=`: a depot's plans of a day (none when it fails). */
export const getRoutePlans = async (depotId: string, date: string) =>
  ((await getAll<Plan>(`/route-plans?depotId=${depotId}&date=${date}`)).body as { items?: Plan[] }).items ?? [];
