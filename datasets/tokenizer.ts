// What datasets needs from the tokenizer: a narrow view of core's BertTokenizer, so that
// statistics and featurizers state exactly what they use.
import type { BertTokenizer } from '../core/tokenizer';

export type { Encoding, EncodeOptions } from '../core/tokenizer';

export type DatasetTokenizer = Pick<BertTokenizer, 'tokenize' | 'encode' | 'encodeWords' | 'unkId'>;
