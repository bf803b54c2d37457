/**
 * mulberry32 for tests and benches: the project's one seeded generator (app/random.ts), so
 * generated data, goldens and property cases are reproducible.
 */
export { mulberry32 } from '../../app/random';
