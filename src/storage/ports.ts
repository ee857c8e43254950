/**
 * The storage port: plain record types and repository interfaces. Adapters (lowdb today,
 * PostgreSQL later) implement these and pass the same contract tests in test/storage/.
 * No adapter type leaks out of this file.
 */

/** A stored value with its optimistic-concurrency tag. */
export interface VersionedValue {
  value: Record<string, unknown>;
  eTag: string;
}

export interface KeyValueWrite {
  key: string;
  value: Record<string, unknown>;
  /** When set (and not '*'), the write fails with {@link ConcurrencyError} unless the stored eTag matches. */
  expectedETag?: string;
}

/** Key/value documents with eTags; backs the bot's turn state. */
export interface KeyValueRepository {
  read(keys: string[]): Promise<Map<string, VersionedValue>>;
  /** Writes all items or none. */
  write(items: KeyValueWrite[]): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** «Var dette nyttig?» answer on one Q&A reply. */
export interface FeedbackRecord {
  /** One record per answer card and user: a second click replaces the first. */
  id: string;
  entryId: string;
  helpful: boolean;
  /** Teams user id (AAD object id when known). */
  userId: string;
  /** UTC ISO-8601. */
  createdAt: string;
}

export interface FeedbackSummary {
  entryId: string;
  helpful: number;
  notHelpful: number;
}

export interface FeedbackRepository {
  /** Inserts or replaces by id. */
  upsert(record: FeedbackRecord): Promise<void>;
  get(id: string): Promise<FeedbackRecord | undefined>;
  summary(): Promise<FeedbackSummary[]>;
  count(): Promise<number>;
}

/** Everything a module may need from storage. */
export interface Store {
  readonly kind: string;
  kv: KeyValueRepository;
  feedback: FeedbackRepository;
  close(): Promise<void>;
}

/** A conditional write lost against a newer version. */
export class ConcurrencyError extends Error {
  constructor(readonly key: string) {
    super(`Samtidig endring av «${key}»: lagret versjon er nyere`);
    this.name = 'ConcurrencyError';
  }
}

/** The data file exists but cannot be used; the bot refuses to start rather than overwrite it. */
export class CorruptStoreError extends Error {
  constructor(readonly file: string, detail: string) {
    super(
      `Datafilen ${file} er ødelagt (${detail}). Boten starter ikke, for ikke å overskrive data. ` +
        'Gjenopprett filen fra sikkerhetskopi, eller flytt den bort for å starte med tomt lager.',
    );
    this.name = 'CorruptStoreError';
  }
}
