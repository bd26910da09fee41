import { z } from 'zod';

/** A tenant slug as it arrives in a route or an action's input (the tenant step checks membership). */
export const ZTenantSlug = z.string({ message: 'Choose a tenant.' }).trim().min(1, 'Choose a tenant.').max(100, 'Not a tenant.');

/** An opaque catalog id in a route (snapshot, job): the DAL looks it up within the tenant. */
export const ZCatalogId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Not an id.');

/** An action without input of its own. */
export const ZNoInput = z.object({});
