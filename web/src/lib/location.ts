/** The server's own rule for a pasted location ("61,69, 27,27", a map link), so the app reads it the same way. */
export { parseLocation, type LatLon } from '../../../src/domain/location.ts';
