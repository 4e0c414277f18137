import type { Resolvers } from '../../generated/resolvers-types';
import { partialDate, related, relatedOne, sources } from './helpers';

export const actionResolvers: Resolvers = {
  Action: {
    startedOn: (a) => partialDate(a.startedOn, a.startedOnCertainty),
    dueOn: (a) => partialDate(a.dueOn, a.dueOnCertainty),
    requiredBy: relatedOne('actionRequiredBy'),
    owners: related('actionOwners'),
    addresses: related('actionAddresses'),
    decidedBy: related('actionDecidedBy'),
    delivers: related('actionDelivers'),
    deliveredBy: related('actionDeliveredBy'),
    sources,
  },
};
