import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The project's read-only data (sources, reference, corpus): `../shared`, beside the clone, never copied into it. */
export const SHARED = resolve(__dirname, '..', '..', 'shared');

/** Jest global setup's check: without the data, dozens of tests would fail one by one on ENOENT; this says why once. */
export function requireSharedData(): void {
  if (!existsSync(SHARED)) {
    throw new Error(
      `The tests read the project's data from ../shared (${SHARED}), which is missing. ` +
        'Clone send-graph into the folder that holds shared/ (as CI does), then run npm test again.',
    );
  }
}
