/**
 * The route solver: a pure module (no I/O, no clock of its own). The route-planning
 * service builds a `Problem`, calls `solve`, and stores the `Solution`.
 */
export { solve, type Tuning } from './solver.ts';
export { evaluateRoute } from './evaluate.ts';
export { haversineKm, buildGreatCircleMatrix, type GeoPoint, type GreatCircleOptions } from './distance.ts';
export type * from './types.ts';
export {
  cheapestInsertion, insertionPositions, removeJob,
  type CurrentRoute, type InsertionAnswer, type InsertionPosition, type InsertionRefusal,
} from './insertion.ts';
