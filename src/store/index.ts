// SPDX-License-Identifier: Apache-2.0
export { openStore, DEFAULT_STORE_URL, type StoreOptions } from './open-store.js';
export type { Dialect, Migration, SqlExecutor, SqlRow, SqlTransaction, SqlValue, Store } from './store.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { openCounters, openExpiringSet, openPubSub } from './open-shared.js';
export type {
  ExpiringSet, MessageHandler, PubSub, RateCounter, RateDecision, SharedOptions, TokenBucketOptions, WindowOptions,
} from './shared.js';
