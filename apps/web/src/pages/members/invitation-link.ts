/** The link an invitee opens: the token goes in the query string, which the API never logs. */
export function invitationLink(token: string): string {
  return `${window.location.origin}/accept-invitation?token=${encodeURIComponent(token)}`;
}
