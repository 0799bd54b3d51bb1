// SPDX-License-Identifier: Apache-2.0

/** Scans shorter than this print no progress at all. */
const QUIET_MS = 1000;
const REFRESH_MS = 200;

export interface Progress {
  update(done: number, total: number, path: string): void;
  done(): void;
}

/** @returns a progress line on `stream` when it is a terminal and the scan runs past a second. */
export function createProgress(stream: NodeJS.WriteStream): Progress {
  const started = performance.now();
  let last = 0;
  let shown = false;
  return {
    update(done, total, path) {
      const now = performance.now();
      if (!stream.isTTY || now - started < QUIET_MS || now - last < REFRESH_MS) return;
      last = now;
      shown = true;
      const width = Math.max(20, (stream.columns || 80) - 24);
      const name = path.length > width ? `...${path.slice(-(width - 3))}` : path;
      stream.write(`\r\x1b[Kscanning ${done}/${total} ${name}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
