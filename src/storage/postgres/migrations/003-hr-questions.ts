/**
 * «Send spørsmålet til HR»: the questions sent to HR (deleted whole after the retention time),
 * and the declined Q&A questions counted per day and normalised text (no user ids).
 */
export const up = /* sql */ `
CREATE TABLE hr_questions (
  id text PRIMARY KEY,
  asked_at timestamptz NOT NULL,
  answered_at timestamptz,
  record jsonb NOT NULL
);
CREATE INDEX hr_questions_asked_at ON hr_questions (asked_at);

CREATE TABLE hr_declines (
  day date NOT NULL,
  text text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (day, text)
);
`;
