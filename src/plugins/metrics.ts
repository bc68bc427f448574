import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobRunner } from '../jobs/runner.ts';

/** Prometheus metrics: request counts and latency per route, queue depth, process figures. */
export function createMetrics(runner: JobRunner) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  new Gauge({
    name: 'job_queue_depth', help: 'Jobs by state', labelNames: ['state'], registers: [registry],
    async collect() {
      try {
        const counts = await runner.counts();
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      } catch {
        // Queue unreachable: leave the last values; readiness reports the outage.
      }
    },
  });

  return {
    registry,
    register(app: FastifyInstance) {
      app.addHook('onResponse', async (req, reply) => {
        const route = req.routeOptions.url ?? 'unmatched';
        requests.inc({ method: req.method, route, status: String(reply.statusCode) });
        latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
      });
    },
  };
}
