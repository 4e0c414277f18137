import fc from 'fast-check';
import {
  getNamedType, getNullableType, isAbstractType, isEnumType, isListType, isNonNullType, isObjectType, isScalarType,
  type GraphQLArgument, type GraphQLInputType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';
import { buildSchema } from '../../src/api/schema';

/**
 * Documents generated from the schema, valid and invalid: real and unknown fields, arguments of
 * every type with in-range, out-of-range, hostile and wrong-type values, fragments on abstract
 * types, and broken syntax.
 */
const schema: GraphQLSchema = buildSchema();
export const SEED_IDS = [
  'sandwell', 'wolverhampton', 'west-midlands', 'ehc-plan-quality', 'sandwell-council', 'sandwell-and-west-birmingham-ccg', 'first-30-areas-2017', 'sandwell-2017-01', 'cypn-sandwell-2017', 'edward-timpson',
  // From the reports and outcomes: a 2023-framework inspection and its findings, a former area.
  'bury', 'bury-2024-02', 'hertfordshire-2023-07-weakness-16', 'sandwell-2023-07', 'cumbria', 'access-to-health-services',
];
const HOSTILE = ["' OR 1=1 --", '"})-[r]-() DELETE r //', '*', '~', 'AND', '(', '\\', '🙂', 'a'.repeat(600)];

const literalString = (s: string) => JSON.stringify(s);

/** What the generated values draw on: ids that exist, and whether to lean on the arguments' maxima. */
interface Vocabulary {
  knownIds: readonly string[];
  /** Also every bound's maximum and just past it (first: 100, 1000; maxHops: 12; maxThemes: 5 ...). */
  maxima: boolean;
}

function scalarValue(name: string, v: Vocabulary): fc.Arbitrary<string> {
  switch (name) {
    case 'Int':
      return (v.maxima
        ? fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(2, 4, 5, 12, 100, 1000, 1001), fc.integer(), fc.constant(2 ** 31))
        : fc.oneof(fc.integer({ min: -5, max: 120 }), fc.integer(), fc.constant(2 ** 31))
      ).map(String);
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true }).map(String);
    case 'Boolean':
      return fc.boolean().map(String);
    default: // String, ID
      return fc.oneof(fc.constantFrom(...v.knownIds), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 30 })).map(literalString);
  }
}

function valueFor(type: GraphQLInputType, v: Vocabulary): fc.Arbitrary<string> {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return fc.array(valueFor(t.ofType, v), { maxLength: 4 }).map((vs) => `[${vs.join(', ')}]`);
  const named = getNamedType(t);
  const wrong = fc.constantFrom('null', '"text"', '12', 'NOT_A_VALUE', '[1, 2]', '{ a: 1 }');
  if (isEnumType(named)) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...named.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: wrong });
  if (isScalarType(named)) return fc.oneof({ weight: 4, arbitrary: scalarValue(named.name, v) }, { weight: 1, arbitrary: wrong });
  return wrong;
}

function argsFor(args: readonly GraphQLArgument[], v: Vocabulary): fc.Arbitrary<string> {
  const each = args.map((a) =>
    fc.oneof(
      { weight: isNonNullType(a.type) ? 9 : 3, arbitrary: valueFor(a.type, v).map((value) => `${a.name}: ${value}`) },
      { weight: 1, arbitrary: fc.constant('') },
    ),
  );
  const unknown = fc.oneof({ weight: 9, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('bogus: 1') });
  return fc.tuple(fc.tuple(...each), unknown).map(([parts, extra]) => {
    const all = [...parts, extra].filter(Boolean);
    return all.length ? `(${all.join(', ')})` : '';
  });
}

function selection(type: GraphQLNamedType, depth: number, v: Vocabulary): fc.Arbitrary<string> {
  if (isAbstractType(type)) {
    const impls = schema.getPossibleTypes(type);
    const frag = fc.constantFrom(...impls).chain((impl) => selection(impl, depth, v).map((sel) => `... on ${impl.name} ${sel}`));
    return fc.array(fc.oneof(fc.constant('__typename'), fc.constant('id'), frag), { minLength: 1, maxLength: 3 }).map((s) => `{ ${s.join(' ')} }`);
  }
  if (!isObjectType(type)) return fc.constant('');
  const fields = Object.values((type as GraphQLObjectType).getFields());
  const field = fc.constantFrom(...fields).chain((f) => {
    const named = getNamedType(f.type);
    const sub = isObjectType(named) || isAbstractType(named) ? (depth > 0 ? selection(named, depth - 1, v) : fc.constant('{ __typename }')) : fc.constant('');
    return fc.tuple(argsFor(f.args, v), sub, fc.option(fc.constantFrom('x', 'y', 'z'), { nil: undefined })).map(([a, s, alias]) => `${alias ? `${alias}: ` : ''}${f.name}${a} ${s}`);
  });
  const unknownField = fc.constant('noSuchField');
  return fc.array(fc.oneof({ weight: 9, arbitrary: field }, { weight: 1, arbitrary: unknownField }), { minLength: 1, maxLength: 3 }).map((s) => `{ ${s.join(' ')} }`);
}

/** Documents over the given vocabulary: nested up to four levels of selections below the root. */
export const documentsOver = (v: Vocabulary) =>
  fc.oneof(
    { weight: 9, arbitrary: selection(schema.getQueryType()!, 3, v) },
    { weight: 1, arbitrary: fc.tuple(selection(schema.getQueryType()!, 2, v), fc.nat()).map(([doc, cut]) => doc.slice(0, cut % Math.max(1, doc.length))) },
  );

/** Documents for the project's seed graph. */
export const generatedDocuments = documentsOver({ knownIds: SEED_IDS, maxima: false });
