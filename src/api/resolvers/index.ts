import { mergeResolvers } from '@graphql-tools/merge';
import type { Resolvers } from '../../generated/resolvers-types';
import { actionResolvers } from './action';
import { agencyResolvers } from './agency';
import { analysisResolvers } from './analysis';
import { contextResolvers } from './context';
import { areaResolvers } from './area';
import { inspectionResolvers } from './inspection';
import { nhsResolvers } from './nhs';
import { nodeResolvers } from './node';
import { personResolvers } from './person';
import { sourceResolvers } from './source';
import { themeResolvers } from './theme';

export const resolvers = mergeResolvers([
  nodeResolvers,
  areaResolvers,
  agencyResolvers,
  inspectionResolvers,
  themeResolvers,
  actionResolvers,
  personResolvers,
  sourceResolvers,
  analysisResolvers,
  contextResolvers,
  nhsResolvers,
]) as Resolvers;
