/**
 * The people of test/fixtures/org/small-org.json as Teams names them (the harness's default
 * organisation): one constant each, so a test says who acts, not how Teams spells them.
 */
import type { TestUser } from './bot-harness.js';

/** Rita Rådmann (1001), the top unit. */
export const RITA: TestUser = { id: '29:rita', aadObjectId: '11111111-1111-4111-8111-111111111001', name: 'Rita Rådmann' };
/** Kjell Kommunalsjef (1002), unit oppvekst. */
export const KJELL: TestUser = { id: '29:kjell', aadObjectId: '11111111-1111-4111-8111-111111111002', name: 'Kjell Kommunalsjef' };
/** Randi Rektor (1003), leads Nordby skole. */
export const RANDI: TestUser = { id: '29:randi', aadObjectId: '11111111-1111-4111-8111-111111111003', name: 'Randi Rektor' };
/** Lars Lærer (1004), lektor at Nordby skole, reports to Randi. */
export const LARS: TestUser = { id: '29:lars', aadObjectId: '11111111-1111-4111-8111-111111111004', name: 'Lars Lærer' };
/** Stine Styrer (1005), Sørby barnehage. */
export const STINE: TestUser = { id: '29:stine', aadObjectId: '11111111-1111-4111-8111-111111111005', name: 'Stine Styrer' };
/** Hanne HR (1007), has the HR role. */
export const HANNE: TestUser = { id: '29:hanne', aadObjectId: '11111111-1111-4111-8111-111111111007', name: 'Hanne HR' };
/** Tor Tillitsvalgt (1008), tillitsvalgt and verneombud at Nordby skole. */
export const TOR: TestUser = { id: '29:tor', aadObjectId: '11111111-1111-4111-8111-111111111008', name: 'Tor Tillitsvalgt' };
