/** The file types a case may hold, known by their first bytes — never by the name or the type the client claims. */
export const ATTACHMENT_TYPES = [
  { contentType: 'application/pdf', extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { contentType: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
] as const;

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The largest file a case holds: a phone photo or a scanned form fits; a video does not. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The type the bytes are, if one we keep. */
export function detectAttachmentType(bytes: Uint8Array): AttachmentType | null {
  return ATTACHMENT_TYPES.find((type) => bytes.length > type.magic.length && type.magic.every((b, i) => bytes[i] === b)) ?? null;
}

/**
 * A file name safe to keep and to send back: no path, no control or bidirectional-override characters,
 * at most 200 characters with its extension kept; empty → null.
 */
export function cleanFileName(name: string): string | null {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069"]/g, '').trim();
  if (!base || base === '.' || base === '..') return null;
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 200 - extension.length) + extension;
}
