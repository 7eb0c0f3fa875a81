// The most text one record may hold: a CSV row, a SQuAD paragraph. A reader that hits it
// stops holding that record, instead of buffering the rest of the file into it.

/** 8 MiB of text in one record: far more than any example, and small enough to hold in memory. */
export const DEFAULT_MAX_RECORD_CHARS = 8 * 1024 * 1024;

/** "8 MiB", as messages name the limit. */
export const RECORD_LIMIT = `${DEFAULT_MAX_RECORD_CHARS / (1024 * 1024)} MiB`;
