// Where a JSON text first breaks the grammar, and what was expected there. JSON.parse's
// messages differ between engine versions and often omit the position ("Unexpected token
// ',', …is not valid JSON"), so malformed text is re-read by the streaming tokenizer
// (json-tokens.ts, the one statement of the grammar here), only after JSON.parse has
// failed, to point at the line and column.
import { JsonTokenizer, type JsonSyntaxProblem, type JsonTokenHandler } from './json-tokens';

export type { JsonSyntaxProblem };

const IGNORE_TOKENS: JsonTokenHandler = { openObject() {}, openArray() {}, close() {}, key() {}, scalar() {}, overLimit() {} };

export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  const tokens = new JsonTokenizer(IGNORE_TOKENS);
  tokens.keepText = false;
  return tokens.write(text) ?? tokens.end();
}
