import type { FastifyRequest } from 'fastify';
import '@fastify/accepts';

/**
 * Whether the client prefers CSV to the JSON default, by `Accept` with its q-values:
 * `text/csv;q=0` is a refusal, `application/json;q=0.5, text/csv` asks for CSV.
 */
export const wantsCsv = (req: FastifyRequest) => req.accepts().type(['application/json', 'text/csv']) === 'text/csv';
