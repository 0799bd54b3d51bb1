// SPDX-License-Identifier: Apache-2.0
// Everything that needs the ioredis driver, gathered for one dynamic import (see open-shared.ts).
export { connectRedis } from './redis-connection.js';
export { RedisCounters } from './redis-counters.js';
export { RedisExpiringSet } from './expiring-set.js';
export { RedisPubSub } from './pubsub.js';
