import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { CLIENT_EXPORT_COLUMNS, clientLabels, type Channel, type ClientStage, type OwnershipForm } from '@salescircle/shared';
import type { Request, Response } from 'express';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { ClientsRepository } from './clients.repository';
import { ClientsService } from './clients.service';
import type { ClientFilter } from './dto/client.inputs';

/** A CSV field: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * GET /export/clients.csv?filter={json}&lang=ru|en: every client the caller may see under the
 * filter, streamed page by page (UTF-8 with BOM, ";"-separated: what Russian Excel opens as is),
 * with the column titles and the segment values in the language asked for (the importer reads
 * both back). Without `lang`, in the viewer's own language.
 */
@Controller('export')
export class ClientsExportController {
  constructor(
    private readonly clients: ClientsService,
    private readonly rows: ClientsRepository,
  ) {}

  @Get('clients.csv')
  async clientsCsv(@Req() req: Request & { viewer?: Viewer | null }, @Res() res: Response, @Query('filter') rawFilter?: string, @Query('lang') lang?: string): Promise<void> {
    const viewer = req.viewer;
    if (!viewer) throw DomainError.unauthenticated();
    let filter: ClientFilter = {};
    if (rawFilter) {
      try {
        filter = JSON.parse(rawFilter) as ClientFilter;
      } catch {
        res.status(400).json({ error: { code: 'BAD_USER_INPUT', field: 'filter', message: 'filter must be JSON of a ClientFilter' } });
        return;
      }
    }
    const scope = await this.clients.scopeFor(viewer);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="clients-${new Date().toISOString().slice(0, 10)}.csv"`);
    const labels = clientLabels(lang ?? viewer.locale);
    res.write('\uFEFF' + CLIENT_EXPORT_COLUMNS.map((c) => csvField(labels.columns[c])).join(';') + '\r\n');
    const owners = new Map<string, string>();
    let after: { name: string; id: string } | null = null;
    for (;;) {
      // the rows only: the total is not written, so its count stops at once (countLimit 1)
      const { rows } = await this.rows.page(viewer.organizationId, scope, filter, 2_000, after, 1);
      const page = rows.slice(0, 2_000);
      const missing = [...new Set(page.map((r) => r.ownerMemberId).filter((id): id is string => id !== null && !owners.has(id)))];
      for (const m of await this.rows.memberNames(missing)) owners.set(m.id, m.name);
      res.write(
        page
          .map((r) =>
            [
              r.name,
              r.inn,
              r.region,
              r.city,
              r.industry,
              r.ownershipForm && labels.ownershipForms[r.ownershipForm as OwnershipForm],
              r.channel && labels.channels[r.channel as Channel],
              r.vip ? labels.yes : labels.no,
              r.annualPotential,
              r.currency,
              r.category,
              labels.stages[r.stage as ClientStage],
              r.ownerMemberId ? owners.get(r.ownerMemberId) : '',
            ]
              .map(csvField)
              .join(';'),
          )
          .join('\r\n') + (page.length ? '\r\n' : ''),
      );
      if (rows.length <= 2_000) break;
      after = { name: page[page.length - 1].name.toLowerCase(), id: page[page.length - 1].id };
    }
    res.end();
  }
}
