import { AppPaginatorIntl, rangeLabel } from './material-intl';

describe('Material in the app language', () => {
  it('says the paginator range as "1 – 25 de 36"', () => {
    expect(rangeLabel(0, 25, 36)).toBe('1 – 25 de 36');
    expect(rangeLabel(1, 25, 36)).toBe('26 – 36 de 36');
    expect(rangeLabel(0, 25, 0)).toBe('0 de 0');
  });

  it('labels the page size selector and the buttons in Spanish', () => {
    const intl = new AppPaginatorIntl();
    expect(intl.itemsPerPageLabel).toBe('Elementos por página');
    expect(intl.nextPageLabel).toBe('Página siguiente');
    expect(intl.getRangeLabel(0, 10, 3)).toBe('1 – 3 de 3');
  });
});
