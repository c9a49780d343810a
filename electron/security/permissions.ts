// Web permissions: the app needs the camera (applicant photos, document scans) and nothing
// else. Microphone, geolocation, notifications, USB/HID/serial, etc. are all refused.

export interface PermissionRequest {
  readonly permission: string;
  /** The URL asking (details.requestingUrl or the frame URL). */
  readonly requestingUrl: string;
  /** For 'media': the kinds requested (details.mediaTypes / details.mediaType). */
  readonly mediaTypes?: readonly string[];
  readonly isMainFrame?: boolean;
}

export function isPermissionAllowed(
  request: PermissionRequest,
  isAppUrl: (url: string) => boolean,
): boolean {
  if (request.permission !== 'media') return false;
  if (!isAppUrl(request.requestingUrl)) return false;
  if (request.isMainFrame === false) return false;
  const types = request.mediaTypes ?? [];
  // An empty list is how some checks ask "may this origin use media at all": video only.
  return types.every((type) => type === 'video');
}
