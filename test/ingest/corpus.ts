import { resolve } from 'node:path';

/** The 45 reports in ../shared (read-only, never copied into the project). */
export const CORPUS = resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'ofsted-area-send-reports-2023');
