// The WordPiece tokenizer of BERT, as a pipeline of pure stages:
//   normalize (clean, CJK, lowercase, strip accents) -> pre-tokenize (whitespace, punctuation)
//   -> WordPiece -> post-process (truncation windows, [CLS]/[SEP], padding).
// Tokens are exactly those of google-research/bert's FullTokenizer (the one BERT was trained
// with) and carry their span in the text as typed. Encoding options follow Hugging Face.
// Node-only loading from disk lives in load-node.ts and is not exported here.
export { BertTokenizer, type Token } from './bert-tokenizer';
export { configFromTokenizerJson, DEFAULT_TOKENIZER_CONFIG, shouldStripAccents, type TokenizerConfig } from './config';
export type { EncodeOptions, Encoding, TruncationStrategy } from './encoding';
export { TruncationError } from './truncation';
