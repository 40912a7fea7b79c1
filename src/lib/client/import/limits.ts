// How much of a text export the import page previews (shared by the page and the preview worker; kept apart from
// preview.ts so the page does not bundle papaparse, which only the worker runs).

/** Rows shown under the header. */
export const PREVIEW_ROWS = 20;
/** Rows above the table a header row may follow (the importer's HEADER_SEARCH_ROWS). */
export const HEADER_SEARCH_ROWS = 10;
