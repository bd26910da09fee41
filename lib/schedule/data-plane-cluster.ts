// Which data-plane cluster a tenant's backup loads: the concurrency limit is per cluster.
// Today every tenant's data is reached through the one MONGODB_URI (lib/mongo), so all share one
// cluster. When tenants get clusters of their own, this is the one place that maps a tenant to
// its cluster key (e.g. from a tenant column); the reconciler already groups and limits by it.

export type TClusterTenant = { id: string; region: string; database: string };
export type TClusterOf = (tenant: TClusterTenant) => string;

export const DEFAULT_CLUSTER = 'default';

export const clusterOfTenant: TClusterOf = () => DEFAULT_CLUSTER;
