// Enum values and types of the catalog schema, without the Prisma runtime: safe to import from
// client components. Server code can import the same names from '@/lib/db'.
export * from '../generated/prisma/enums';
