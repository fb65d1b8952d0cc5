import { timezoneLoader } from '../../common/context/loaders';
import { OrganizationTimezone } from './organization-timezone';
import type { OrganizationRepository } from './organization.repository';

/** A repository that answers only timezoneOf and timezonesOf, counting the reads; any other call fails. */
function repository(zones: Record<string, string>) {
  const reads: string[] = [];
  const repo = new Proxy({} as OrganizationRepository, {
    get: (_target, name) => {
      if (name === 'timezonesOf')
        return async (ids: readonly string[]) => {
          reads.push(ids.join('+'));
          return new Map(ids.filter((id) => zones[id]).map((id) => [id, zones[id]]));
        };
      if (name !== 'timezoneOf') throw new Error(`unexpected call: OrganizationRepository.${String(name)}`);
      return async (id: string) => {
        reads.push(id);
        return zones[id] ?? 'Europe/Moscow';
      };
    },
  });
  return { repo, reads };
}

describe('OrganizationTimezone', () => {
  it("takes a query viewer's time zone without reading it again", async () => {
    const { repo, reads } = repository({ 'org-1': 'Asia/Omsk' });
    expect(await new OrganizationTimezone(repo).of({ organizationId: 'org-1', timezone: 'Asia/Vladivostok' })).toBe('Asia/Vladivostok');
    expect(reads).toEqual([]);
  });

  it("reads a viewer's organization's time zone fresh when the viewer came without it (a mutation's), each time", async () => {
    const zones: Record<string, string> = { 'org-1': 'Asia/Omsk' };
    const { repo, reads } = repository(zones);
    const timezones = new OrganizationTimezone(repo);
    const viewer = { organizationId: 'org-1' };
    expect(await timezones.of(viewer)).toBe('Asia/Omsk');
    zones['org-1'] = 'Europe/Samara';
    expect(await timezones.of(viewer)).toBe('Europe/Samara');
    expect(reads).toEqual(['org-1', 'org-1']);
  });

  it("reads an organization's time zone by its id where there is no viewer (a job)", async () => {
    const { repo, reads } = repository({ 'org-2': 'Asia/Yekaterinburg' });
    expect(await new OrganizationTimezone(repo).of('org-2')).toBe('Asia/Yekaterinburg');
    expect(reads).toEqual(['org-2']);
  });

  it("reads an organization's time zone once for a whole request given the request's loaders (a mutation returning many members)", async () => {
    const { repo, reads } = repository({ 'org-1': 'Asia/Omsk', 'org-2': 'Asia/Yekaterinburg' });
    const timezones = new OrganizationTimezone(repo);
    // the request's loader, as LoadersFactory makes it
    const request = { loaders: { timezoneByOrganizationId: timezoneLoader(repo) } };
    const viewer = { organizationId: 'org-1' };
    const answers = await Promise.all([timezones.of(viewer, request), timezones.of(viewer, request), timezones.of('org-2', request), timezones.of('org-3', request)]);
    expect(answers).toEqual(['Asia/Omsk', 'Asia/Omsk', 'Asia/Yekaterinburg', 'Europe/Moscow']);
    expect(await timezones.of(viewer, request)).toBe('Asia/Omsk');
    expect(reads).toEqual(['org-1+org-2+org-3']);
    // a viewer that carries its time zone never reads
    expect(await timezones.of({ organizationId: 'org-1', timezone: 'Europe/Kaliningrad' }, request)).toBe('Europe/Kaliningrad');
    expect(reads).toHaveLength(1);
  });
});
