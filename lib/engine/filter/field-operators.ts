/** Operators accepted on a field: `{field: {$op: ...}}`. Everything else is refused. */
export const FIELD_OPERATORS: ReadonlySet<string> = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$type',
  '$not',
  '$elemMatch',
  '$regex',
  '$options',
  '$size',
  '$all',
]);
