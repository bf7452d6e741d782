import DataLoader from 'dataloader';

const loaders = new WeakMap<object, Map<string, DataLoader<string, unknown>>>();

/**
 * A DataLoader that lives as long as one request: field resolvers of a list ask it for their rows
 * and it answers with one batched query. Kept beside the request rather than in a request-scoped
 * provider, so resolvers stay singletons.
 */
export function requestLoader<V>(
  request: object,
  name: string,
  batch: (keys: readonly string[]) => Promise<Map<string, V>>,
): DataLoader<string, V | null> {
  let forRequest = loaders.get(request);
  if (!forRequest) {
    forRequest = new Map();
    loaders.set(request, forRequest);
  }
  let loader = forRequest.get(name) as DataLoader<string, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V | null>(async (keys) => {
      const found = await batch(keys);
      return keys.map((key) => found.get(key) ?? null);
    });
    forRequest.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}
