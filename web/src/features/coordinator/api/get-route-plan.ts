import type { ApiAnswer } from '../../../api/types.ts';
import { request } from '../../../lib/api.ts';

/** A plan version with its routes, unassigned tasks and totals, as `GET /route-plans/:id` gives it. */
export type Plan = ApiAnswer<'/route-plans/{id}'>;
export type PlanRoute = Plan['routes'][number];

/** `GET /route-plans/:id`: a plan with its routes. */
export const getRoutePlan = async (id: string) => (await request<Plan>('GET', `/route-plans/${id}`)).body;
