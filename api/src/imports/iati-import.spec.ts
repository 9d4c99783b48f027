import { codeOfIdentifier, readIati } from './iati-import';

const activity = (identifier: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03"><iati-activity xml:lang="es">
<iati-identifier>${identifier}</iati-identifier>
<reporting-org ref="XM-COOPERA-IMEPLAN" type="11"><narrative>IMEPLAN</narrative></reporting-org>
<title><narrative>Título</narrative></title>
</iati-activity></iati-activities>`);

describe('readIati', () => {
  it('recognises our own export by its identifier prefix and gives back the action code', () => {
    expect(codeOfIdentifier('XM-COOPERA-IMEPLAN-IMEPLAN-2019-CFF', 'XM-COOPERA-IMEPLAN')).toBe(
      'IMEPLAN-2019-CFF',
    );
    expect(codeOfIdentifier('DE-1-2021.2004', 'XM-COOPERA-IMEPLAN')).toBe('DE-1-2021.2004');
    const own = readIati('x.xml', activity('XM-COOPERA-IMEPLAN-IMEPLAN-2019-CFF'), '2026-01-01', {
      iati: { ownPrefix: 'XM-COOPERA-IMEPLAN' },
    });
    const table = (name: string) => own.tables.find((x) => x.table === name)?.rows ?? [];
    expect(table('actions')[0].values.code).toBe('IMEPLAN-2019-CFF');
    // Our own export: the institute is no reporting organisation of the action.
    expect(table('participations')).toEqual([]);
  });

  it('is structured-clone safe (it crosses a worker thread)', () => {
    const input = readIati('x.xml', activity('DE-1-1'), '2026-01-01');
    expect(structuredClone(input)).toEqual(input);
  });

  it('imports an activity without identifier under a stand-in, the same each time, and says so', () => {
    const read = () => readIati('x.xml', activity(''), '2026-01-01');
    const first = read();
    const code = first.tables.find((x) => x.table === 'actions')?.rows[0].values.code;
    expect(code).toEqual(expect.any(String));
    expect(read().tables.find((x) => x.table === 'actions')?.rows[0].values.code).toBe(code);
    expect(first.warnings).toEqual([
      expect.objectContaining({
        code: 'missing_identifier',
        location: { file: 'x.xml', path: 'iati-activity[1]/iati-identifier' },
      }),
    ]);
  });
});
