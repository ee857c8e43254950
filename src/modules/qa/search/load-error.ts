/** A content file (synonyms, glossary) that cannot be read or is invalid; `problems` names each fault. */
export class ContentFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} har ${problems.length} feil:\n- ${problems.join('\n- ')}`);
    this.name = new.target.name;
  }
}
