import { describe, expect, it } from 'vitest';
import { isRegionAllowed } from './jurisdiction.ts';

describe('isRegionAllowed', () => {
  it('allows every region when the target has no rules', () => {
    expect(isRegionAllowed({}, 'eu')).toBe(true);
    expect(isRegionAllowed({}, '')).toBe(true);
  });

  it('allows only listed regions when there is an allow list', () => {
    expect(isRegionAllowed({ allow: ['eu'] }, 'eu')).toBe(true);
    expect(isRegionAllowed({ allow: ['eu'] }, 'us')).toBe(false);
    expect(isRegionAllowed({ allow: [] }, 'eu')).toBe(false);
  });

  it('refuses a key without a region when the target has an allow list', () => {
    expect(isRegionAllowed({ allow: ['eu', 'us'] }, '')).toBe(false);
    expect(isRegionAllowed({ deny: ['us'] }, '')).toBe(true);
  });

  it('lets deny win over allow', () => {
    expect(isRegionAllowed({ allow: ['eu', 'us'], deny: ['us'] }, 'us')).toBe(false);
    expect(isRegionAllowed({ deny: ['cn'] }, 'cn')).toBe(false);
    expect(isRegionAllowed({ deny: ['cn'] }, 'eu')).toBe(true);
  });
});
