import type { ArshjulStateRepository } from './arshjul.js';
import type { AuditRepository } from './audit.js';
import type { ConversationRefRepository, OutboxRepository, SharedSendRate } from './delivery.js';
import type { FeedbackRepository } from './feedback.js';
import type { HrQuestionRepository } from './hr-questions.js';
import type { JobRepository } from './jobs.js';
import type { KeyValueRepository } from './kv.js';
import type { OrgRepository } from './org.js';
import type { RegistrationRepository } from './registration.js';
import type { SamtaleRepository } from './samtale.js';

/**
 * Everything a module may need from storage: one repository per aggregate. Adapters (lowdb, and
 * PostgreSQL for several instances) implement it and pass the same contract tests in
 * test/storage/. No adapter type leaks out of src/storage/ports/.
 */
export interface Store {
  readonly kind: string;
  kv: KeyValueRepository;
  feedback: FeedbackRepository;
  org: OrgRepository;
  registrations: RegistrationRepository;
  samtaler: SamtaleRepository;
  audit: AuditRepository;
  arshjul: ArshjulStateRepository;
  conversationRefs: ConversationRefRepository;
  outbox: OutboxRepository;
  jobs: JobRepository;
  /** Questions sent to HR, and the count of declined questions. */
  hrQuestions: HrQuestionRepository;
  /**
   * Present when several bot instances can share this store (PostgreSQL): the tenant's send rate
   * kept in the store. Absent (lowdb, one instance): delivery limits the rate in process.
   */
  sendRate?: SharedSendRate;
  close(): Promise<void>;
}
