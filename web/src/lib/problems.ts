import type { Problem } from './api.ts';

/** The refused fields of a problem, by their name in the body (`body.end` → `end`). */
export const fieldErrors = (p: Problem) =>
  Object.fromEntries((p.errors ?? []).map((e) => [e.path.replace(/^body\./, ''), e.message])) as Record<string, string>;
