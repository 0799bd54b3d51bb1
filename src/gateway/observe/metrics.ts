// SPDX-License-Identifier: Apache-2.0
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Buckets in seconds for the gateway's own time: most requests spend well under a millisecond here. */
const OVERHEAD_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1];
const REQUEST_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Prometheus metrics of one gateway, on its own registry (two gateways in one process stay apart). */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'citadel_gateway_requests_total', help: 'Requests answered, by route, status and verdict', labelNames: ['route', 'status', 'verdict'] as const, registers: [this.registry] });
  readonly detections = new Counter({ name: 'citadel_gateway_detections_total', help: 'Detections, by direction, category and action taken', labelNames: ['direction', 'category', 'action'] as const, registers: [this.registry] });
  readonly duration = new Histogram({ name: 'citadel_gateway_request_duration_seconds', help: 'Time from request to last byte, upstream included', labelNames: ['route'] as const, buckets: REQUEST_BUCKETS, registers: [this.registry] });
  readonly overhead = new Histogram({ name: 'citadel_gateway_overhead_seconds', help: 'Time spent in the gateway before the upstream call (auth, limits, detection)', labelNames: ['route'] as const, buckets: OVERHEAD_BUCKETS, registers: [this.registry] });
  readonly upstreamErrors = new Counter({ name: 'citadel_gateway_upstream_errors_total', help: 'Upstream failures, by upstream and code', labelNames: ['upstream', 'code'] as const, registers: [this.registry] });
  readonly rateLimited = new Counter({ name: 'citadel_gateway_rate_limited_total', help: 'Requests refused by a rate limit', registers: [this.registry] });
  readonly bansIssued = new Counter({ name: 'citadel_gateway_bans_total', help: 'Bans issued by this replica', registers: [this.registry] });
  readonly activeBans = new Gauge({ name: 'citadel_gateway_active_bans', help: 'Bans this replica enforces', registers: [this.registry] });
  readonly alerts = new Counter({ name: 'citadel_gateway_alerts_total', help: 'Webhook alerts, by outcome (sent, failed, dropped)', labelNames: ['outcome'] as const, registers: [this.registry] });
  readonly auditQueue = new Gauge({ name: 'citadel_gateway_audit_queue', help: 'Audit entries waiting for the ledger', registers: [this.registry] });
  readonly auditFailures = new Counter({ name: 'citadel_gateway_audit_failures_total', help: 'Ledger batches that failed to append (retried)', registers: [this.registry] });
  readonly auditDropped = new Counter({ name: 'citadel_gateway_audit_dropped_total', help: 'Audit entries dropped while the ledger was down and the queue full', registers: [this.registry] });

  constructor(options: { readonly processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'citadel_gateway_' });
  }
}
