// SPDX-License-Identifier: Apache-2.0
/** The shape of `src/detect/model/weights.ts`, which `npm run train` writes. */
export interface WeightsFile {
  readonly format: string;
  readonly attackDims: number;
  readonly categoryDims: number;
  readonly attackBias: number;
  readonly categoryBias: number;
  readonly threshold: number;
  readonly window: number;
  readonly stride: number;
  readonly familyMask: number;
  readonly training: {
    readonly command: string;
    readonly dataDigest: string;
    readonly rows: number;
    readonly rawThreshold: number;
    readonly targetFpr: number;
    readonly hyperParameters: Readonly<Record<string, number>>;
  };
  /** Little-endian float32 weights, base64. */
  readonly attack: string;
  readonly category: string;
}
