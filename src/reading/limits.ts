/** How much a single fax may cost to read; checked before any decoding. */
export interface ReadLimits {
  maxBytes: number;
  maxPages: number;
  /** Decoded pixels per page (width × height, after resolution correction). */
  maxPixelsPerPage: number;
  ocrTimeoutMsPerPage: number;
}

export const defaultReadLimits: ReadLimits = {
  // A 30-page fine-resolution G4 fax is well under 5 MB; 50 MB leaves room for colour scans.
  maxBytes: 50 * 1024 * 1024,
  maxPages: 200,
  // An A4 page at 600 dpi is about 35 Mpx.
  maxPixelsPerPage: 40_000_000,
  ocrTimeoutMsPerPage: 90_000,
};
