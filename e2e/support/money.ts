/**
 * Money as the web app shows it (web/src/app/shared/money.ts), for expectations computed from API
 * decimal strings: "266639469.43" + "MXN" → "$266,639,469.43 MXN" (es-MX and en use , and .).
 */
const SYMBOLS: Record<string, string> = { MXN: '$', USD: '$', EUR: '€' };

export function formatDecimal(amount: string): string {
  const match = /^\s*(-?)(\d+)(?:\.(\d{1,2}))?\s*$/.exec(amount);
  if (!match) throw new Error(`not a 2-decimal amount: ${amount}`);
  const [, sign, int, frac = ''] = match;
  const grouped = int.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${frac.padEnd(2, '0')}`;
}

export function formatMoney(amount: string, currency: string): string {
  const number = formatDecimal(amount);
  const negative = number.startsWith('-');
  return `${negative ? '-' : ''}${SYMBOLS[currency] ?? ''}${negative ? number.slice(1) : number} ${currency}`;
}

/** Exact sum of 2-decimal strings (no floating point). */
export function addAmounts(...amounts: string[]): string {
  let cents = 0n;
  for (const amount of amounts) {
    const match = /^\s*(-?)(\d+)(?:\.(\d{1,2}))?\s*$/.exec(amount);
    if (!match) throw new Error(`not a 2-decimal amount: ${amount}`);
    const value = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
    cents += match[1] ? -value : value;
  }
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
