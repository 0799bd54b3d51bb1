// SPDX-License-Identifier: Apache-2.0
import type { Logger } from 'pino';
import type { Store } from '../../store/index.js';
import type { BurstDetector } from '../alerts/burst-detector.js';
import type { WebhookQueue } from '../alerts/webhook-queue.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { GatewayConfig } from '../config/schema.js';
import type { KeyRegistry } from '../keys/key-registry.js';
import type { BanList } from '../limits/ban-list.js';
import type { GatewayBus } from '../limits/gateway-bus.js';
import type { RateLimits } from '../limits/rate-limits.js';
import type { Strikes } from '../limits/strikes.js';
import type { GatewayMetrics } from '../observe/metrics.js';
import type { ModelRouter } from '../upstream/model-router.js';

/** Everything a request handler needs, built once by startGateway. */
export interface GatewayServices {
  readonly config: GatewayConfig;
  /** This process's name in audit entries and alerts. */
  readonly replica: string;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly store: Store;
  readonly keys: KeyRegistry;
  readonly bans: BanList;
  readonly bus: GatewayBus;
  readonly strikes: Strikes;
  readonly limits: RateLimits;
  readonly router: ModelRouter;
  readonly audit: AuditTrail;
  readonly alerts: WebhookQueue;
  readonly bursts: BurstDetector;
  readonly adminToken: string;
  /** True once close() began: readiness fails and new requests get 503. */
  readonly isClosing: () => boolean;
}
