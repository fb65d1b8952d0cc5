/** Stable `extensions.reason` values of import refusals (the code is BAD_USER_INPUT or CONFLICT). */
export const ImportReason = {
  /** A file cannot be read: empty, broken quoting, or a header without the expected columns (the message names them). */
  BAD_FILE: 'BAD_FILE',
  /** A CSV import's mapping of columns to fields cannot work (the message says why). */
  BAD_MAPPING: 'BAD_MAPPING',
  /** The named pipeline exists with a stage of the same name but another kind. */
  PIPELINE_STAGES_MISMATCH: 'PIPELINE_STAGES_MISMATCH',
  /** A product of the same name exists under another external id. */
  PRODUCT_NAME_TAKEN: 'PRODUCT_NAME_TAKEN',
} as const;
