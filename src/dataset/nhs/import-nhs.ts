import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, isCollection, visit } from 'yaml';
import { ImportError, type ImportProblem } from '../outcomes/import-problem';
import { DistrictAreas } from './district-areas';
import { readNhsBodies, type Body } from './nhs-bodies';
import { declaredBodies, matchDeclared } from './nhs-match';
import { readServices, readTrustServices, TRUST_SHARE_FLOOR, type Service } from './nhs-services';

/**
 * `import-nhs`: the NHS bodies of every area since 2016 as three seed files, one per publisher
 * (ODS organisations and successions; ONS lookups: ICBs, sub-ICB locations, who served which area
 * when; OHID trust catchments). Every problem in any input is reported at once, and nothing is
 * written unless all import whole. Running it twice writes the same bytes.
 */

export const ODS_SEED = 'nhs-ods-organisations.yaml';
export const ONS_SEED = 'nhs-ons-services.yaml';
export const OHID_SEED = 'nhs-ohid-trust-catchments.yaml';
export const NHS_SEEDS = [ODS_SEED, ONS_SEED, OHID_SEED] as const;

const OGL = 'Open Government Licence v3.0';
export const ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0.';
export const ONS_ATTRIBUTION = 'Source: Office for National Statistics licensed under the Open Government Licence v.3.0';

export interface ImportNhsOptions {
  /** ../shared/reference/nhs */
  from: string;
  areasSeed: string;
  register: string;
  /** The seeds folder: read for the bodies other files declare, and written to under reference/. */
  seeds: string;
}

export interface ImportNhsReport {
  written: string[];
  counts: Record<string, number>;
  corrections: string[];
  /** Bodies whose share of an area changed while they served it: the seed keeps the latest. */
  changedShares: string[];
}

const sources = {
  ods: {
    id: 'nhs-ods-organisations',
    title: 'NHS Organisation Data Service: clinical commissioning groups and sub-ICB locations (eccg), NHS trusts (etr) and successor organisations (succ)',
    kind: 'DATASET', publisher: 'NHS England (Organisation Data Service)',
    url: 'https://digital.nhs.uk/services/organisation-data-service/export-data-files/csv-downloads',
    file: 'ods-eccg.csv, ods-etr.csv, ods-succ.csv', licence: OGL,
    notes: `${ATTRIBUTION} ODS files as of late 2024 (eccg, etr) and 2026 (succ), as copied from public repositories (see ../shared/reference/nhs/README.md). ` +
      'Dates are those ODS records; a CCG that became a sub-ICB location on 1 July 2022 is dated to 30 June 2022 as a CCG (Health and Care Act 2022).',
  },
  ons: {
    id: 'ons-nhs-geography-lookups',
    title: 'ONS lookups: LSOA (2011) to clinical commissioning group and local authority district, April 2017 to 2021; to sub-ICB location, ICB and district, July 2022; CCG, sub-ICB location and ICB names and codes',
    kind: 'DATASET', publisher: 'Office for National Statistics',
    url: 'https://geoportal.statistics.gov.uk/',
    file: 'lsoa11-ccg17-lad17.csv … lsoa11-sicbl22-icb22-lad22.csv, ccg-names-codes-*.csv, sub-icb-locations-to-icb-2022.csv, icb-names-codes-2024.csv', licence: OGL,
    notes: `${ATTRIBUTION} ${ONS_ATTRIBUTION}. A share is the share of the area's LSOAs (2011) the body held, a count of small areas of roughly 1,000 to 3,000 residents, not of people. ` +
      'Before April 2017 the 2017 lookup is read with that April\'s mergers undone (ODS successions): a merged CCG\'s LSOAs go to each predecessor, the share unknown where there were several. ' +
      'A district counts for the area it lay in on the first day of each period and, where that area was replaced later, for the area that holds it today.',
  },
  ohid: {
    id: 'ohid-acute-trust-catchments-2022',
    title: 'NHS Acute (Hospital) Trust Catchment Populations, by local authority district (as aggregated by geographr)',
    kind: 'DATASET', publisher: 'Office for Health Improvement and Disparities',
    publishedOn: { date: '2022-10-18', certainty: 'STATED' },
    url: 'https://github.com/humaniverse/geographr/tree/c026be5cc76cb576358082b53f1f13d69ab577ae',
    file: 'nhs-trust-catchments-2022-by-ltla21.csv', licence: OGL,
    notes: `${ATTRIBUTION} © Crown copyright 2022. Acute trusts only. A trust's share of an area is the share of its modelled catchment population (all admissions) living in the area's districts (April 2021 districts), ` +
      `summed over them; kept where it is at least ${TRUST_SHARE_FLOOR * 100}%. Dated from April 2016 (or the trust's opening, ODS) to its closing, on the catchment of 2022, with the areas of 2022 until 31 March 2023 and of today after.`,
  },
} as const;

const stated = (date: string | null) => (date ? { date, certainty: 'STATED' } : undefined);

function agencyRecord(b: Body, withDates: boolean) {
  const r: Record<string, unknown> = { id: b.id, name: b.name, kind: b.kind, odsCode: b.odsCode };
  if (b.onsCode) r.onsCode = b.onsCode;
  if (b.aliases.length) r.aliases = [...b.aliases].sort();
  if (withDates) {
    if (b.activeFrom) r.activeFrom = stated(b.activeFrom);
    if (b.activeTo) r.activeTo = stated(b.activeTo);
    if (b.notes) r.notes = b.notes;
  }
  return r;
}

const serviceLink = (s: Service) => ({
  type: 'SERVES', from: s.agency.id, to: s.areaId, since: s.since, ...(s.until ? { until: s.until } : {}), ...(s.share !== null ? { share: s.share } : {}),
});

const byKindAndCode = (a: Body, b: Body) => a.kind.localeCompare(b.kind) || a.odsCode.localeCompare(b.odsCode);

/** A record to a line: compact, and a change to one body is a one-line diff. */
function yaml(header: string, seed: object): string {
  const doc = new Document(seed, { aliasDuplicateObjects: false });
  visit(doc, {
    Collection(_, node, path) {
      if (isCollection(node) && path.length >= 4) node.flow = true;
    },
  });
  return header + doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

export function importNhs(options: ImportNhsOptions): ImportNhsReport {
  const problems: ImportProblem[] = [];
  const districts = DistrictAreas.read(options.areasSeed, options.register);
  const bodies = readNhsBodies(options.from, problems);
  if (!bodies) throw new ImportError(problems);
  matchDeclared(bodies, declaredBodies(options.seeds, NHS_SEEDS), problems);
  const changedShares: string[] = [];
  const services = readServices(options.from, bodies, districts, problems, changedShares);
  const trustServices = readTrustServices(options.from, bodies, districts, problems);
  const icbCodes = new Set(bodies.icbs.keys());
  for (const ccg of bodies.ccgs.values()) {
    const reached = new Set<string>();
    const walk = (code: string) => {
      for (const s of bodies.successions) if (s.from.odsCode === code && s.from.kind === 'CCG' && !reached.has(s.to.odsCode)) {
        reached.add(s.to.odsCode);
        if (s.to.kind === 'CCG') walk(s.to.odsCode);
      }
    };
    walk(ccg.odsCode);
    if (![...reached].some((c) => icbCodes.has(c))) {
      problems.push({ file: 'ods-succ.csv', row: '(file)', column: '', message: `CCG ${ccg.odsCode} (${ccg.name}) reaches no ICB through its successors` });
    }
  }
  if (problems.length > 0) throw new ImportError(problems);

  const ccgs = [...bodies.ccgs.values()].sort(byKindAndCode);
  const subs = [...bodies.subIcbLocations.values()].sort(byKindAndCode);
  const icbs = [...bodies.icbs.values()].sort(byKindAndCode);
  const trusts = [...bodies.trusts.values()].sort(byKindAndCode);
  const successions = [...bodies.successions].sort((a, b) => a.from.odsCode.localeCompare(b.from.odsCode) || a.on.localeCompare(b.on) || a.to.odsCode.localeCompare(b.to.odsCode));
  const succession = (s: (typeof successions)[number]) => ({ type: 'SUCCEEDED_BY', from: s.from.id, to: s.to.id, on: stated(s.on) });

  const header = (what: string, extra = '') =>
    `# Generated by \`npm run cli -- import-nhs\` from ../shared/reference/nhs (${what}); do not edit by hand.\n# ${ATTRIBUTION}${extra}\n`;
  const files: [string, string][] = [
    [ODS_SEED, yaml(header('ods-eccg.csv, ods-etr.csv, ods-succ.csv'), {
      source: sources.ods,
      agencies: [...ccgs, ...trusts].map((b) => agencyRecord(b, true)),
      links: successions.filter((s) => s.to.kind !== 'ICB').map(succession),
    })],
    [ONS_SEED, yaml(header('the ONS lookups and names and codes', ` ${ONS_ATTRIBUTION}`), {
      source: sources.ons,
      agencies: [...ccgs.map((b) => agencyRecord(b, false)), ...subs.map((b) => agencyRecord(b, true)), ...icbs.map((b) => agencyRecord(b, true))],
      links: [
        ...successions.filter((s) => s.to.kind === 'ICB').map(succession),
        ...subs.map((s) => ({ type: 'PART_OF', from: s.id, to: bodies.partOf.get(s.odsCode)!.id })),
        ...services.map(serviceLink),
      ],
    })],
    [OHID_SEED, yaml(header('nhs-trust-catchments-2022-by-ltla21.csv'), {
      source: sources.ohid,
      mentions: [...new Set(trustServices.map((s) => s.agency.id))].sort(),
      links: trustServices.map(serviceLink),
    })],
  ];
  const written = files.map(([name, text]) => {
    const path = join(options.seeds, 'reference', name);
    writeFileSync(path, text);
    return path;
  });
  const countKind = (kind: string) => services.filter((s) => s.agency.kind === kind).length;
  return {
    written,
    counts: {
      CCGs: ccgs.length, 'sub-ICB locations': subs.length, ICBs: icbs.length, 'NHS trusts': trusts.length,
      successions: successions.length, 'CCG services': countKind('CCG'), 'sub-ICB location services': countKind('SUB_ICB_LOCATION'),
      'ICB services': countKind('ICB'), 'trust services': trustServices.length,
    },
    corrections: districts.corrections,
    changedShares,
  };
}
