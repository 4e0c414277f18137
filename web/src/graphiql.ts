import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * The query editor, bundled (GraphiQL with the schema's documentation) so that it works without
 * the internet; the explorer's views open it with ?query=...&variables=....
 */
const params = new URLSearchParams(location.search);
const fetcher = createGraphiQLFetcher({ url: '/graphql' });

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, {
    fetcher,
    initialQuery: params.get('query') ?? undefined,
    initialVariables: params.get('variables') ?? undefined,
    defaultQuery: '# Ask the graph anything; the Docs button shows the schema.\n{\n  area(id: "sandwell") {\n    name\n    inspections { startedOn { iso } outcome }\n  }\n}\n',
  }),
);
