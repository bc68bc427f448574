import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';
import { pointId } from './get-point.ts';

/** `POST /sites/:id/distributions`: the counts of a distribution day (or a correction that supersedes one). */
export const recordDistribution = (body: ApiRequest<'/sites/{id}/distributions'>): Call<ApiAnswer<'/sites/{id}/distributions', 'post'>> =>
  ({ path: `/sites/${pointId()}/distributions`, body });
