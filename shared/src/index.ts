export * from './domain/roles';
export * from './domain/error-codes';
export * from './domain/limits';
export * from './rules/evaluate-login-throttle';
export * from './rules/summarize-team-composition';
