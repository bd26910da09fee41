// Messages that name the exact `$`-key a filter used and why it is refused.
const FORBIDDEN: Readonly<Record<string, string>> = {
  $where: 'it runs server-side JavaScript',
  $function: 'it runs server-side JavaScript',
  $accumulator: 'it runs server-side JavaScript',
  $expr: 'aggregation expressions are outside the safe subset',
  $jsonSchema: 'schema validation is outside the safe subset',
  $text: 'text search needs a text index and is outside the safe subset',
};

const GEO = new Set(['$within', '$box', '$center', '$centerSphere', '$polygon', '$geometry', '$maxDistance', '$minDistance']);

const OTHER_EJSON = new Set([
  '$numberInt',
  '$numberDouble',
  '$binary',
  '$uuid',
  '$regularExpression',
  '$timestamp',
  '$minKey',
  '$maxKey',
  '$symbol',
  '$code',
  '$scope',
  '$dbPointer',
  '$undefined',
]);

/** True for operators the safe subset refuses by name (not merely "unknown"). */
export function isForbiddenOperator(key: string): boolean {
  return Object.hasOwn(FORBIDDEN, key) || GEO.has(key) || key.startsWith('$near') || key.startsWith('$geo');
}

export function describeOperator(key: string): string {
  const reason = Object.hasOwn(FORBIDDEN, key) ? FORBIDDEN[key] : undefined;
  if (reason) return `operator ${key} is not allowed: ${reason}`;
  if (isForbiddenOperator(key)) return `operator ${key} is not allowed: geospatial queries are outside the safe subset`;
  if (OTHER_EJSON.has(key)) return `typed value ${key} is not supported (use $oid, $date, $numberDecimal or $numberLong)`;
  return `unknown operator ${key}`;
}

export const FORBIDDEN_OPERATORS: readonly string[] = [...Object.keys(FORBIDDEN), ...GEO, '$near', '$nearSphere', '$geoWithin', '$geoIntersects'];
