import { sessionFetch } from '../../session/session-store';

/** The largest file the API keeps (libs/cases MAX_ATTACHMENT_BYTES): refused here before it is sent. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** What the API said when it refused a file request: its stable reason, if it sent one. */
export class FileRequestError extends Error {
  constructor(readonly reason: string | undefined, readonly status: number) {
    super(reason ?? `HTTP ${status}`);
  }
}

async function refusal(response: Response): Promise<FileRequestError> {
  try {
    const body = (await response.json()) as { error?: { reason?: string } };
    return new FileRequestError(body.error?.reason, response.status);
  } catch {
    return new FileRequestError(undefined, response.status);
  }
}

/** Sends a file's bytes to the case (`POST /files/cases/:id`), signed in as for the GraphQL API. */
export async function uploadCaseFile(caseId: string, category: string, file: File): Promise<void> {
  const query = new URLSearchParams({ category, name: file.name });
  const response = await sessionFetch(`/files/cases/${encodeURIComponent(caseId)}?${query.toString()}`, {
    method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file,
  });
  if (!response.ok) throw await refusal(response);
}

/** Fetches a file (the download is audited by the API) and hands it to the browser as a download, never opened as a page. */
export async function downloadCaseFile(id: string, fileName: string): Promise<void> {
  const response = await sessionFetch(`/files/${encodeURIComponent(id)}`);
  if (!response.ok) throw await refusal(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
