import type { Readable } from 'node:stream';
import type { ActionDetailDto } from '../actions/dto/action-response.dto';
import { AppError } from '../common/errors';
import { ExchangeRatesService } from '../exchange-rates/exchange-rates.service';
import { ThemesService } from '../themes/themes.service';
import { Converted, renderProjectSheet } from './project-sheet';

/** The project sheet PDF of an action, with each amount converted to MXN at its value date. */
export async function projectSheetStream(
  action: ActionDetailDto,
  lang: 'es' | 'en',
  rates: ExchangeRatesService,
  themes: ThemesService,
): Promise<Readable> {
  const conversions: Converted[] = [];
  for (const f of action.funding) {
    if (!f.currency || f.currency === 'MXN' || !f.valueDate) continue;
    try {
      const c = await rates.convert({
        amount: f.amount,
        from: f.currency,
        to: 'MXN',
        date: f.valueDate,
      });
      conversions.push({ fundingId: f.id, mxn: c.converted, rate: c.rates[0] ?? null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      conversions.push({ fundingId: f.id, mxn: null, rate: null });
    }
  }
  return renderProjectSheet({
    action,
    lang,
    generatedAt: new Date(),
    conversions,
    themes: await themes.labels(),
  });
}
