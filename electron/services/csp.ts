/** The page's Content-Security-Policy: the same text as renderer/index.html's meta tag (a test keeps them equal).
 *  Sent as a header too, by main.ts's protocol handler and by the web host. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'";
