import { INSPECTION_FRAMEWORKS, INSPECTION_KINDS, INSPECTION_OUTCOMES, type Bundle, type InspectionRow } from '../domain/model';

/**
 * Inspections by framework and kind, each with its outcomes, as `npm run check` prints them:
 * e.g. "FRAMEWORK_2016 INITIAL 151: WSOA_REQUIRED 83, NO_WSOA 68".
 */
export function inspectionCountLines(bundle: Bundle): string[] {
  const inspections = bundle.nodes.filter((n): n is InspectionRow => n.label === 'Inspection');
  const lines: string[] = [];
  for (const framework of INSPECTION_FRAMEWORKS) {
    for (const kind of INSPECTION_KINDS) {
      const these = inspections.filter((i) => i.framework === framework && i.kind === kind);
      if (these.length === 0) continue;
      const outcomes = [...INSPECTION_OUTCOMES, null]
        .map((o) => [o ?? 'unknown', these.filter((i) => i.outcome === o).length] as const)
        .filter(([, n]) => n > 0)
        .map(([o, n]) => `${o} ${n}`);
      lines.push(`${framework} ${kind.padEnd(10)} ${String(these.length).padStart(4)}: ${outcomes.join(', ')}`);
    }
  }
  return lines;
}
