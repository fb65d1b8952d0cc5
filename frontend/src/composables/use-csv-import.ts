import type { CsvImportEntity } from '@salescircle/shared';
import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, watch } from 'vue';
import { toAppError, type AppError } from '@/graphql/client';
import { ImportCsvDocument, PreviewCsvImportDocument, type ImportCsvMutation, type PreviewCsvImportQuery } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';
import { assignField, decodeCsvBytes, missingRequiredFields, type MappingEntry } from '@/utils/csv-import';

export type CsvPreview = PreviewCsvImportQuery['previewCsvImport'];
export type CsvReport = ImportCsvMutation['importCsv'];

export interface ChosenCsvFile {
  name: string;
  text: string;
  encoding: 'utf-8' | 'windows-1251';
}

/** Quiet time after a change of the mapping before the preview is read again. */
const PREVIEW_DELAY_MS = 250;

/**
 * The CSV import section's state: the entity and the file (read in the browser), the
 * mapping (the server's suggestion first, then the person's choices), a preview read again
 * whenever they change, and the run with its busy state (rows and seconds so far).
 */
export function useCsvImport() {
  const client = useGraphQLClient();
  const entity = ref<CsvImportEntity>('CLIENTS');
  const file = shallowRef<ChosenCsvFile | null>(null);
  const pipelineName = ref('');
  const mapping = ref<MappingEntry[] | null>(null);
  /** How each column's field was suggested (EXACT, PARTIAL), from the first preview of the file. */
  const suggested = ref<Record<string, string | null>>({});
  const preview = shallowRef<CsvPreview | null>(null);
  const previewLoading = ref(false);
  const previewError = shallowRef<AppError | null>(null);
  const report = shallowRef<CsvReport | null>(null);
  const running = ref(false);
  const runError = shallowRef<AppError | null>(null);
  const elapsed = ref(0);

  let controller: AbortController | null = null;
  /** The variables the shown preview answers, so that adopting its suggestion does not ask again. */
  let previewedKey = '';
  let timer: ReturnType<typeof setTimeout> | null = null;

  const variables = () => ({
    entity: entity.value,
    csv: file.value?.text ?? '',
    mapping: mapping.value,
    pipelineName: entity.value === 'DEALS' ? pipelineName.value.trim() || null : null,
  });
  const keyOf = (v: ReturnType<typeof variables>) => JSON.stringify([v.entity, file.value?.name, v.csv.length, v.mapping, v.pipelineName]);

  async function loadPreview(): Promise<void> {
    const v = variables();
    if (!file.value) return;
    const key = keyOf(v);
    // answered already (a preview, or a refusal: an empty file asked twice before)
    if (key === previewedKey && (preview.value || previewError.value)) return;
    controller?.abort();
    const current = new AbortController();
    controller = current;
    previewLoading.value = true;
    previewError.value = null;
    try {
      const result = await client.request(PreviewCsvImportDocument, { input: v }, { signal: current.signal });
      if (controller !== current) return;
      const answer = result.previewCsvImport;
      preview.value = answer;
      if (mapping.value === null) {
        suggested.value = Object.fromEntries(answer.mapping.map((m) => [m.column, m.match ?? null]));
        mapping.value = answer.mapping.map((m) => ({ column: m.column, field: m.field ?? null }));
      }
      previewedKey = keyOf(variables());
    } catch (caught) {
      if (controller !== current) return;
      preview.value = null;
      previewError.value = toAppError(caught);
      previewedKey = key;
    } finally {
      if (controller === current) {
        previewLoading.value = false;
        controller = null;
      }
    }
  }

  watch(
    () => keyOf(variables()),
    () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void loadPreview(), PREVIEW_DELAY_MS);
    },
  );

  /** Reads the chosen file; a new file starts from the suggested mapping again. */
  async function choose(chosen: File | null): Promise<void> {
    report.value = null;
    runError.value = null;
    if (!chosen) {
      file.value = null;
      preview.value = null;
      return;
    }
    const decoded = decodeCsvBytes(await chosen.arrayBuffer());
    mapping.value = null;
    suggested.value = {};
    file.value = { name: chosen.name, ...decoded };
    if (timer) clearTimeout(timer);
    // a file chosen (again) is always read afresh
    previewedKey = '';
    await loadPreview();
  }

  function setEntity(value: CsvImportEntity): void {
    if (value === entity.value) return;
    entity.value = value;
    mapping.value = null;
    suggested.value = {};
    report.value = null;
  }

  function setField(column: string, field: string | null): void {
    if (!mapping.value) return;
    mapping.value = assignField(mapping.value, column, field);
    suggested.value = { ...suggested.value, [column]: null };
  }

  const missing = computed(() => (mapping.value ? missingRequiredFields(entity.value, mapping.value) : []));
  const ready = computed(() => file.value !== null && mapping.value !== null && missing.value.length === 0 && !running.value);

  async function run(dryRun: boolean): Promise<void> {
    if (!ready.value || !file.value || !mapping.value) return;
    running.value = true;
    runError.value = null;
    elapsed.value = 0;
    const started = Date.now();
    const ticker = setInterval(() => {
      elapsed.value = Math.floor((Date.now() - started) / 1000);
    }, 250);
    try {
      const v = variables();
      const result = await client.request(ImportCsvDocument, {
        input: { entity: v.entity, csv: v.csv, fileName: file.value.name, mapping: mapping.value, pipelineName: v.pipelineName, dryRun },
      });
      report.value = result.importCsv;
    } catch (caught) {
      report.value = null;
      runError.value = toAppError(caught);
    } finally {
      clearInterval(ticker);
      running.value = false;
    }
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      if (timer) clearTimeout(timer);
      controller?.abort();
    });
  }

  return { entity, file, pipelineName, mapping, suggested, preview, previewLoading, previewError, report, running, runError, elapsed, missing, ready, choose, setEntity, setField, run };
}
