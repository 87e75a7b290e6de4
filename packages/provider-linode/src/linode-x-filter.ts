/** A Linode `X-Filter` header value (JSON): `{"field": value}`, `+or`, `+and`, … */
export type LinodeFilter = Readonly<Record<string, unknown>>;

/** Instances whose id is any of `ids`: `{"+or":[{"id":1},{"id":2}]}`. */
export function filterByIds(ids: readonly number[]): LinodeFilter {
  if (ids.length === 1) return { id: ids[0] };
  return { '+or': ids.map((id) => ({ id })) };
}

/** Instances whose label is any of `labels`: `{"+or":[{"label":"a"},{"label":"b"}]}`. */
export function filterByLabels(labels: readonly string[]): LinodeFilter {
  if (labels.length === 1) return { label: labels[0] };
  return { '+or': labels.map((label) => ({ label })) };
}

/**
 * Instances carrying every tag: `{"tags":"a"}` or `{"+and":[{"tags":"a"},{"tags":"b"}]}`.
 * A filter on `tags` matches when the list contains the value.
 */
export function filterByTags(tags: readonly string[]): LinodeFilter {
  if (tags.length === 1) return { tags: tags[0] };
  return { '+and': tags.map((tag) => ({ tags: tag })) };
}

export function filterHeader(filter: LinodeFilter): Record<string, string> {
  return { 'X-Filter': JSON.stringify(filter) };
}
