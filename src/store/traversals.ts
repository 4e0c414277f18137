import type { Step } from './port';

/**
 * The fixed catalogue of traversals the API follows. Resolvers name one of these; adapters turn
 * the steps into graph code or Cypher, so no relationship type ever comes from a request.
 */
const out = (type: Step['type'], where?: Step['where']): Step => ({ type, direction: 'OUT', where });
const inn = (type: Step['type'], where?: Step['where']): Step => ({ type, direction: 'IN', where });

export const TRAVERSALS = {
  regionAreas: [inn('IN_REGION')],
  areaRegion: [out('IN_REGION')],
  areaAgencies: [inn('SERVES')],
  areaInspections: [inn('OF')],
  areaSuccessors: [out('SUCCEEDED_BY')],
  areaPredecessors: [inn('SUCCEEDED_BY')],
  areaFindings: [inn('OF'), out('FOUND')],
  areaWeaknesses: [inn('OF'), out('FOUND', { polarity: 'WEAKNESS' })],
  areaStrengths: [inn('OF'), out('FOUND', { polarity: 'STRENGTH' })],
  areaThemes: [inn('OF'), out('FOUND'), out('ABOUT')],
  areaWeaknessThemes: [inn('OF'), out('FOUND', { polarity: 'WEAKNESS' }), out('ABOUT')],
  areaStrengthThemes: [inn('OF'), out('FOUND', { polarity: 'STRENGTH' }), out('ABOUT')],
  agencyAreas: [out('SERVES')],
  agencySuccessors: [out('SUCCEEDED_BY')],
  agencyPredecessors: [inn('SUCCEEDED_BY')],
  agencyFindings: [inn('CONCERNS')],
  agencyActions: [inn('OWNED_BY')],
  agencyPeople: [inn('WORKS_FOR')],
  agencyInspections: [inn('BY', { label: 'Inspection' })],
  agencyReviews: [inn('BY', { label: 'Review' })],
  inspectionArea: [out('OF')],
  inspectionInspectorates: [out('BY')],
  inspectionFollows: [out('FOLLOWS')],
  inspectionFollowedBy: [inn('FOLLOWS')],
  inspectionFindings: [out('FOUND')],
  inspectionActions: [out('REQUIRED')],
  reviewAuthors: [out('BY')],
  reviewFindings: [out('FOUND')],
  findingFoundBy: [inn('FOUND')],
  findingArea: [inn('FOUND'), out('OF')],
  findingThemes: [out('ABOUT')],
  findingAgencies: [out('CONCERNS')],
  findingActions: [inn('ADDRESSES')],
  themeFindings: [inn('ABOUT')],
  themeWeaknesses: [inn('ABOUT', { polarity: 'WEAKNESS' })],
  themeStrengths: [inn('ABOUT', { polarity: 'STRENGTH' })],
  themeAreas: [inn('ABOUT'), inn('FOUND'), out('OF')],
  themeWeaknessAreas: [inn('ABOUT', { polarity: 'WEAKNESS' }), inn('FOUND'), out('OF')],
  themeStrengthAreas: [inn('ABOUT', { polarity: 'STRENGTH' }), inn('FOUND'), out('OF')],
  actionRequiredBy: [inn('REQUIRED')],
  actionOwners: [out('OWNED_BY')],
  actionAddresses: [out('ADDRESSES')],
  actionDecidedBy: [out('DECIDED_BY')],
  actionDelivers: [out('DELIVERS')],
  actionDeliveredBy: [inn('DELIVERS')],
  personEmployers: [out('WORKS_FOR')],
  nodeSources: [out('REPORTED_IN')],
  sourceMentions: [inn('REPORTED_IN')],
} as const satisfies Record<string, readonly Step[]>;

export type TraversalName = keyof typeof TRAVERSALS;
