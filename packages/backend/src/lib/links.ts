/**
 * A link into the web app built from APP_BASE_URL alone. Secrets ride in the fragment, which browsers never
 * send to a server or in a Referer; the page reads it and POSTs it.
 */
export function appLink(appBaseUrl: string, pathname: string, fragment?: Record<string, string>): string {
  const url = new URL(pathname, appBaseUrl);
  if (fragment) url.hash = new URLSearchParams(fragment).toString();
  return url.toString();
}
