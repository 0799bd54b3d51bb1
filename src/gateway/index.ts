// SPDX-License-Identifier: Apache-2.0
export { startGateway, type Gateway, type StartGatewayOptions } from './gateway.js';
export { loadGatewayConfig, toGatewayConfig, type LoadConfigOptions } from './config/load-config.js';
export type { Action, GatewayConfig, GatewayConfigInput, Policy, UpstreamConfig } from './config/schema.js';
export { GatewayError, type GatewayErrorCode } from './errors.js';
export { toErrorResponse, toHttpStatus, type OpenAiErrorBody } from './http-errors.js';
export { GATEWAY_CHANNELS, type GatewayChannel } from './observe/events.js';
export { createAdminClient, type AdminClient, type AdminClientOptions } from './admin-client.js';
