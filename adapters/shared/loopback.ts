/**
 * Whether a configured host name is this computer only: 127.0.0.0/8, ::1 and `localhost`.
 * The edges use it to decide what may run without protection (the console's Host check, the
 * Teams local mode, SMTP in clear to a relay on this machine). A name that merely resolves to
 * loopback does not count: what counts is what the administrator wrote.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}
