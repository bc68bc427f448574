/**
 * Answers and the app's files smaller than this many bytes go out as they are: compressing
 * them saves less than a packet and costs the server work on every request.
 */
export const COMPRESS_MIN_BYTES = 1024;

/** The encodings the server sends, best first: every browser a phone runs accepts both. */
export const RESPONSE_ENCODINGS = ['br', 'gzip'] as const;
