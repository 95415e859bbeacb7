/**
 * The renderer's Content-Security-Policy, the same in both shells: only our own
 * scripts, no eval, no remote connections (every provider call happens in the
 * main process). Inline styles are allowed for the chart and markdown layout.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
