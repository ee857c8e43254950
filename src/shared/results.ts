/**
 * The house result shape: a use case answers `{ ok: true, … }` or a {@link Refusal} with a code
 * the caller can branch on and a Norwegian `reason` to show as it is.
 */

/** A use case said no: `code` for the program, `reason` (bokmål) for the person. */
export interface Refusal<C extends string = string> {
  ok: false;
  code: C;
  reason: string;
}

/** One invalid form field: which field (a name or a dotted path such as `items.2.validUntil`) and a Norwegian sentence. */
export interface FieldError {
  field: string;
  message: string;
}
