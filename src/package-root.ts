import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The directory holding the project's package.json: where schema/ and seeds/ are, whether this
 * code runs from src/ (tests, tsx) or from the compiled bundle in dist/.
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: run send-graph from its own directory`);
  }
}
