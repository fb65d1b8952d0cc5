import { checkWipLimit } from './check-wip-limit';

describe('checkWipLimit', () => {
  const load = { teamActive: 19, teamLimit: 20, owners: [{ memberId: 'm1', active: 4, limit: 5 }] };

  it('lets a change in that fits both limits, exactly at the limit too', () => {
    expect(checkWipLimit(load)).toBeNull();
  });

  it('refuses the team limit first, with the count the change would lead to', () => {
    expect(checkWipLimit({ ...load, teamActive: 20 })).toEqual({ scope: 'TEAM', memberId: null, limit: 20, wouldBe: 21 });
  });

  it('refuses a member over their capacity for processes', () => {
    expect(checkWipLimit({ ...load, owners: [{ memberId: 'm1', active: 5, limit: 5 }] })).toEqual({ scope: 'MEMBER', memberId: 'm1', limit: 5, wouldBe: 6 });
  });

  it('checks every owner of a shared process and several processes at once', () => {
    const two = { teamActive: 10, teamLimit: 20, owners: [{ memberId: 'a', active: 1, limit: 5 }, { memberId: 'b', active: 4, limit: 5 }] };
    expect(checkWipLimit(two, 1)).toBeNull();
    expect(checkWipLimit(two, 2)?.memberId).toBe('b');
    expect(checkWipLimit(two, 0)).toBeNull();
  });

  it('treats a zero capacity as no room at all', () => {
    expect(checkWipLimit({ teamActive: 0, teamLimit: 20, owners: [{ memberId: 'x', active: 0, limit: 0 }] })?.scope).toBe('MEMBER');
  });
});
