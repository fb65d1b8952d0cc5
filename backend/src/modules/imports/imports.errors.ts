/** Stable `extensions.reason` values of import refusals (the code is BAD_USER_INPUT or CONFLICT). */
export const ImportReason = {
  /** A file cannot be read: empty, broken quoting, or a header without the expected columns (params.problem says which, with the file, line and columns). */
  BAD_FILE: 'BAD_FILE',
  /** A CSV import's mapping of columns to fields cannot work (params.problem says why, with the columns and fields). */
  BAD_MAPPING: 'BAD_MAPPING',
  /** A deals import into an organization with no pipeline yet, and no pipeline named. */
  PIPELINE_NAME_REQUIRED: 'PIPELINE_NAME_REQUIRED',
  /** Only a sales director imports data. */
  DIRECTOR_IMPORTS_ONLY: 'DIRECTOR_IMPORTS_ONLY',
  /** The named pipeline exists with a stage of the same name but another kind. */
  PIPELINE_STAGES_MISMATCH: 'PIPELINE_STAGES_MISMATCH',
  /** A product of the same name exists under another external id. */
  PRODUCT_NAME_TAKEN: 'PRODUCT_NAME_TAKEN',
} as const;
