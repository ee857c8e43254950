/** The errors every storage adapter throws the same way. */

/** A conditional write lost against a newer version. */
export class ConcurrencyError extends Error {
  constructor(readonly key: string) {
    super(`Samtidig endring av «${key}»: lagret versjon er nyere`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * Stored data that cannot be used: a data file (the bot refuses to start rather than overwrite
 * it), or a row read back from the database that does not have its record's shape (the call
 * fails; nothing is written over it). `file` is the file, or `postgres:<table>` for a row.
 */
export class CorruptStoreError extends Error {
  constructor(readonly file: string, detail: string, message?: string) {
    super(
      message ??
        `Datafilen ${file} er ødelagt (${detail}). Boten starter ikke, for ikke å overskrive data. ` +
          'Gjenopprett filen fra sikkerhetskopi, eller flytt den bort for å starte med tomt lager.',
    );
    this.name = 'CorruptStoreError';
  }

  /** A row of `table` whose stored record does not match its schema. `detail` names fields, never values. */
  static row(table: string, detail: string): CorruptStoreError {
    return new CorruptStoreError(
      `postgres:${table}`,
      detail,
      `En rad i tabellen ${table} er ødelagt (${detail}). Boten bruker den ikke; rett eller fjern raden, eller gjenopprett fra sikkerhetskopi.`,
    );
  }
}
