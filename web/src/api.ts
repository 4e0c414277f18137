/** Every figure on the page comes through the project's own GraphQL API, by these two functions. */

export type Variables = Record<string, unknown>;

export class ApiError extends Error {}

export async function gql<T>(query: string, variables: Variables = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join('; '));
  if (!body.data) throw new ApiError(`The API answered ${res.status} with no data`);
  return body.data;
}

/** The query editor (GraphiQL, bundled) opened on a query and its variables. */
export function editorLink(query: string, variables: Variables = {}): string {
  const params = new URLSearchParams({ query: query.trim() });
  if (Object.keys(variables).length) params.set('variables', JSON.stringify(variables, null, 2));
  return `/explorer/graphiql.html?${params}`;
}
