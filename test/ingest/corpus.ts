import { resolve } from 'node:path';
import { SHARED } from '../shared-data';

/** The 45 reports in ../shared (read-only, never copied into the project). */
export const CORPUS = resolve(SHARED, 'corpus', 'ofsted-area-send-reports-2023');
