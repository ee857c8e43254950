// The clock lives in src/shared/dates.ts and formatting for people in src/texts/dates.ts. These
// re-exports keep the imports of modules not yet moved over (samtale, competence) compiling.
export { type Clock, fixedClock, systemClock } from '../shared/dates.js';
export { formatOslo } from '../texts/dates.js';
