// How much of an export the importer and the import page look at before the table (shared by the server's
// header-row rule, the page and its preview worker: plain constants, so the page bundles nothing else with them).

/** Non-empty rows looked at for the header row (title rows above the table, an export date …). */
export const HEADER_SEARCH_ROWS = 10;
/** Rows the import page shows under the header. */
export const PREVIEW_ROWS = 20;
/** Characters of a cell the header search is sent (and reads): a header is never longer, a narrative often is. */
export const HEADER_CELL_CHARS = 500;
