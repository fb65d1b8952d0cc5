import type { ViewerScope } from './circle-policy';
import { approvalForNewProcess, mayRunSprint, maySeeSprint, mayWorkOnProcess, mayWriteSprintNotes } from './sprint-policy';

const scope = (role: ViewerScope['role'], over: Partial<ViewerScope> = {}): ViewerScope => ({
  role,
  memberId: 'me',
  directedTeamIds: [],
  ledTeamIds: [],
  coachedTeamIds: [],
  memberOfTeamIds: [],
  ...over,
});

describe('sprint policy', () => {
  it('lets the lead and the director of the team run its sprints, nobody else', () => {
    expect(mayRunSprint(scope('LEAD', { ledTeamIds: ['T'] }), 'T')).toBe(true);
    expect(mayRunSprint(scope('LEAD', { ledTeamIds: ['U'] }), 'T')).toBe(false);
    expect(mayRunSprint(scope('DIRECTOR', { directedTeamIds: ['T'] }), 'T')).toBe(true);
    expect(mayRunSprint(scope('COACH', { coachedTeamIds: ['T'] }), 'T')).toBe(false);
    expect(mayRunSprint(scope('SALES', { memberOfTeamIds: ['T'] }), 'T')).toBe(false);
  });

  it('lets the coach of the team write the retrospective with the lead', () => {
    expect(mayWriteSprintNotes(scope('COACH', { coachedTeamIds: ['T'] }), 'T')).toBe(true);
    expect(mayWriteSprintNotes(scope('COACH', { coachedTeamIds: ['U'] }), 'T')).toBe(false);
    expect(mayWriteSprintNotes(scope('SALES', { memberOfTeamIds: ['T'] }), 'T')).toBe(false);
  });

  it('lets a rep work on the processes they own in their team, not on a colleague\'s', () => {
    const rep = scope('SALES', { memberOfTeamIds: ['T'] });
    expect(mayWorkOnProcess(rep, 'T', ['me', 'other'])).toBe(true);
    expect(mayWorkOnProcess(rep, 'T', ['other'])).toBe(false);
    expect(mayWorkOnProcess(rep, 'U', ['me'])).toBe(false);
    expect(maySeeSprint(rep, 'T')).toBe(true);
  });

  it('makes work proposed from outside the lead wait for approval', () => {
    expect(approvalForNewProcess(scope('LEAD', { ledTeamIds: ['T'] }), 'T')).toBe('APPROVED');
    expect(approvalForNewProcess(scope('SALES', { memberOfTeamIds: ['T'] }), 'T')).toBe('PENDING');
    expect(approvalForNewProcess(scope('COACH', { coachedTeamIds: ['T'] }), 'T')).toBe('PENDING');
  });
});
