// parseRestoreSpec: untrusted restore package (JSON text, or an already parsed value) + the
// tenant's scope from the catalog -> a validated spec plus what the planner needs (selected
// namespaces, typed ids, one scoped selection filter), or one EngineError listing every problem
// with its JSON path. TENANT_SCOPE_VIOLATION when anything reaches outside the tenant.
import type { EngineError } from '../errors/engine-error';
import type { TTenantPredicate } from '../filter/and-tenant-predicate';
import { compileFilter } from '../filter/compile-filter';
import type { TFilter } from '../filter/filter-ast';
import { issuesToError, type TIssue } from '../filter/filter-issue';
import { isPlainObject } from '../filter/is-plain-object';
import { validateFieldPath } from '../filter/validate-field-path';
import { buildSelectionFilter, type TTimeWindow } from './build-selection-filter';
import { checkJsonValue } from './check-json-value';
import { checkRestoreTarget } from './check-restore-target';
import { checkTenantFieldUsage } from './check-tenant-field-usage';
import { RESTORE_SPEC_LIMITS } from './limits';
import { parseDocumentIds, type TDocumentId } from './parse-document-ids';
import { parseJsonText } from './parse-json-text';
import { resolveNamespaces } from './resolve-namespaces';
import { ZRestoreSpec, type TRestoreSpec } from './restore-spec-schema';
import type { TTenantScope } from './tenant-scope';
import { zodIssues } from './zod-issues';

export type TParseRestoreSpecOptions = { tenant: TTenantScope };

export type TParsedRestoreSpec = {
  /** the package as validated, defaults applied: what is stored, hashed and shown to approvers */
  spec: TRestoreSpec;
  /** logical collection names selected, sorted */
  namespaces: string[];
  documentIds: TDocumentId[] | null;
  /** tenant predicate (SHARED_FIELD) AND document ids AND time window AND the package's filter */
  filter: TFilter;
  tenantPredicate: TTenantPredicate | null;
};

export type TParseRestoreSpecResult = { ok: true; value: TParsedRestoreSpec } | { ok: false; error: EngineError; issues: readonly TIssue[] };

const JSON_LIMITS = { maxBytes: RESTORE_SPEC_LIMITS.maxRawBytes, maxDepth: RESTORE_SPEC_LIMITS.maxJsonDepth };

function fail(issues: TIssue[]): TParseRestoreSpecResult {
  return { ok: false, issues, error: issuesToError('restore package', issues) };
}

export function parseRestoreSpec(raw: unknown, options: TParseRestoreSpecOptions): TParseRestoreSpecResult {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    const parsed = parseJsonText(raw, JSON_LIMITS);
    if (!parsed.ok) return fail(parsed.issues);
    value = parsed.value;
  } else {
    const problems = checkJsonValue(raw, JSON_LIMITS);
    if (problems.length > 0) return fail(problems);
  }

  const issues: TIssue[] = [];
  const parsed = ZRestoreSpec.safeParse(value);
  if (!parsed.success) issues.push(...zodIssues(parsed.error));
  // Compile the filter even when the rest is wrong, so one answer lists every problem.
  const rawFilter = isPlainObject(value) && isPlainObject(value.selection) ? value.selection.filter : undefined;
  let userFilter: TFilter | null = null;
  if (isPlainObject(rawFilter)) {
    const compiled = compileFilter(rawFilter, { pathPrefix: ['selection', 'filter'] });
    if (compiled.ok) userFilter = compiled.filter;
    else issues.push(...compiled.issues);
  }
  if (!parsed.success) return fail(issues);

  const spec = parsed.data;
  const scope = options.tenant;
  if (spec.tenant !== scope.slug) {
    issues.push({ path: ['tenant'], code: 'TENANT_SCOPE_VIOLATION', message: `the package is for tenant '${spec.tenant}', not '${scope.slug}'` });
  }
  const { namespaces, issues: namespaceIssues } = resolveNamespaces(spec.selection.namespaces, scope);
  issues.push(...namespaceIssues);
  const ids = spec.selection.documentIds ? parseDocumentIds(spec.selection.documentIds) : null;
  if (ids) issues.push(...ids.issues);
  const { tenancy } = scope;
  const tenantPredicate = tenancy.model === 'SHARED_FIELD' ? { field: tenancy.tenantField, value: tenancy.tenantValue } : null;
  if (userFilter && tenantPredicate) issues.push(...checkTenantFieldUsage(userFilter, tenantPredicate.field, tenantPredicate.value));
  const timeWindow = spec.selection.timeWindow ? toTimeWindow(spec.selection.timeWindow, tenantPredicate, issues) : null;
  issues.push(...checkRestoreTarget(spec.target, scope));
  if (issues.length > 0) return fail(issues);

  const filter = buildSelectionFilter({ tenant: tenantPredicate, documentIds: ids?.ids ?? null, timeWindow, filter: userFilter });
  return { ok: true, value: { spec, namespaces, documentIds: ids?.ids ?? null, filter, tenantPredicate } };
}

function toTimeWindow(w: NonNullable<TRestoreSpec['selection']['timeWindow']>, tenant: TTenantPredicate | null, issues: TIssue[]): TTimeWindow {
  const window: TTimeWindow = {
    ...(w.from === undefined ? {} : { from: new Date(w.from) }),
    ...(w.to === undefined ? {} : { to: new Date(w.to) }),
  };
  if (w.field === undefined) return window;
  const path = ['selection', 'timeWindow', 'field'];
  const checked = validateFieldPath(w.field);
  if (!checked.ok) issues.push({ path, code: 'INVALID_ARGUMENT', message: checked.message });
  else if (tenant && (checked.parts[0] === tenant.field || w.field === tenant.field)) {
    issues.push({ path, code: 'TENANT_SCOPE_VIOLATION', message: `the time window cannot use the tenant field '${tenant.field}'` });
  }
  return { ...window, field: w.field, fieldParts: checked.ok ? checked.parts : [w.field] };
}
