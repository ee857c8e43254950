/** What the samtale's renderers share: plain text, input ids. */
/** What a person wrote, shown as text: Markdown characters escaped. */
export const plain = (s: string) => s.replace(/([\\*_[\]()#>`~|])/g, '\\$1');
export const firstName = (name: string) => name.split(/\s+/)[0] ?? name;
export const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Values the person typed into a card, by input id. */
export type CardValues = Record<string, unknown>;

/** Input id of a question on the preparation card. */
export const questionInputId = (questionId: string) => `q_${questionId}`;
/** Input id of the new due date of a previous action. */
export const carryInputId = (actionId: string) => `carry_${actionId}`;
