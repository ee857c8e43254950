/** The errors every storage adapter throws the same way. */

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
