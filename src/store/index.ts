export * from './ids.ts';
export * from './records.ts';
export * from './store.ts';
export * from './deliveries.ts';
export * from './digests.ts';
export * from './claims.ts';
