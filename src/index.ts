// SPDX-License-Identifier: Apache-2.0
export * from './core/index.js';
export * from './scan/index.js';
