// The currencies a person can pick: what the browser knows, plus any already in use.
export function currencyList(...inUse: string[]): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function'
      ? Intl.supportedValuesOf('currency')
      : ['EUR', 'GBP', 'USD'];
  return [...new Set([...known, ...inUse.filter((c) => /^[A-Z]{3}$/.test(c))])].sort();
}
