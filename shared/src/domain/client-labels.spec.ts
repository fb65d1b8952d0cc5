import { CHANNELS, OWNERSHIP_FORMS } from './clients';
import { CLIENT_EXPORT_COLUMNS, CLIENT_LABELS, clientLabels } from './client-labels';
import { CLIENT_STAGES } from './roles';
import { parseCsvBoolean, parseCsvEnum } from '../rules/parse-csv-value';
import { suggestCsvMapping } from '../rules/suggest-csv-mapping';

describe('client labels: what the app shows and the export writes, the importer reads back', () => {
  for (const locale of ['ru', 'en'] as const) {
    const labels = CLIENT_LABELS[locale];

    it(`reads every ${locale} segment value back as its code`, () => {
      for (const stage of CLIENT_STAGES) expect(parseCsvEnum('CLIENT_STAGE', labels.stages[stage])).toEqual({ ok: true, value: stage });
      for (const channel of CHANNELS) expect(parseCsvEnum('CHANNEL', labels.channels[channel])).toEqual({ ok: true, value: channel });
      for (const form of OWNERSHIP_FORMS) expect(parseCsvEnum('OWNERSHIP_FORM', labels.ownershipForms[form])).toEqual({ ok: true, value: form });
      expect(parseCsvBoolean(labels.yes)).toEqual({ ok: true, value: true });
      expect(parseCsvBoolean(labels.no)).toEqual({ ok: true, value: false });
    });

    it(`maps every ${locale} export column to its field on import`, () => {
      const headers = CLIENT_EXPORT_COLUMNS.map((c) => labels.columns[c]);
      expect(suggestCsvMapping('CLIENTS', headers).map((s) => s.field)).toEqual([...CLIENT_EXPORT_COLUMNS]);
    });
  }

  it('reads a locale tag, English for anything but Russian', () => {
    expect(clientLabels('ru-RU')).toBe(CLIENT_LABELS.ru);
    expect(clientLabels('en')).toBe(CLIENT_LABELS.en);
    expect(clientLabels('de')).toBe(CLIENT_LABELS.en);
    expect(clientLabels(null)).toBe(CLIENT_LABELS.en);
  });
});
