import { today } from './exports.controller';

describe("export file names carry the institute's date", () => {
  it('is the date in Mexico City, not in UTC or on the server', () => {
    // 19:30 in Guadalajara on 14 December is already the 15th in UTC.
    expect(today(new Date('2023-12-15T01:30:00Z'))).toBe('2023-12-14');
    expect(today(new Date('2023-12-15T06:00:00Z'))).toBe('2023-12-15');
  });
});
