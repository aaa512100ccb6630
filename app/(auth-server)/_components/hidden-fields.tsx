/** The fields every front-channel form carries: which pending request, and its CSRF token. */
export function HiddenFields({ requestId, csrfToken }: { requestId: string; csrfToken: string }) {
  return (
    <>
      <input type="hidden" name="request_id" value={requestId} />
      <input type="hidden" name="csrf_token" value={csrfToken} />
    </>
  );
}
