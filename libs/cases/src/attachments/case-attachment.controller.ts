import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { requestAccess } from '@zhulian/access';
import { Actor, AppError, badInput, CurrentActor, HttpRequest, ParseIdPipe, PublicErrorCode } from '@zhulian/core';
import type { Response } from 'express';
import { CaseAttachmentService } from './case-attachment.service';
import { MAX_ATTACHMENT_BYTES } from './file-type';

/**
 * Files of a case over plain HTTP, beside GraphQL (which lists them): `POST /files/cases/:caseId?category=…&name=…`
 * with the file's bytes as the body, and `GET /files/:id`. Signed in as for GraphQL — a bearer token in the
 * Authorization header, which a browser never adds by itself, so another site cannot make a signed-in
 * browser upload or download (no cookie is read here). A download is always a download: sent as an
 * attachment of the type found in its bytes, never sniffed, never run as a page.
 */
@Controller('files')
export class CaseAttachmentController {
  constructor(private readonly attachments: CaseAttachmentService) {}

  @Post('cases/:caseId')
  @HttpCode(201)
  async upload(@CurrentActor() actor: Actor, @Param('caseId', ParseIdPipe) caseId: string, @Query() query: Record<string, unknown>,
    @Req() req: HttpRequest): Promise<Record<string, unknown>> {
    const one = (name: string) => {
      const value = query[name];
      if (value !== undefined && typeof value !== 'string') throw badInput('PARAMETER_REPEATED', `Give ${name} once.`, name);
      return value;
    };
    const upload = { caseId, category: one('category'), fileName: one('name') };
    const length = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    // Who may, and whether the size is right, before a byte is read.
    await this.attachments.checkUpload(actor, upload, length !== null && Number.isFinite(length) ? length : null);
    const bytes = await readBody(req);
    const added = await this.attachments.upload(actor, upload, bytes);
    return { id: added.id, caseId: added.caseId, category: added.category, fileName: added.fileName, contentType: added.contentType, sizeBytes: added.sizeBytes };
  }

  @Get(':id')
  async download(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Req() req: HttpRequest, @Res() res: Response): Promise<void> {
    const { attachment, content } = await this.attachments.download(actor, requestAccess(req), id);
    res.status(200);
    res.setHeader('Content-Type', attachment.contentType);
    res.setHeader('Content-Length', String(content.length));
    res.setHeader('Content-Disposition', contentDisposition(attachment.fileName ?? `${attachment.id}`));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Even opened by address, the file is no page: no script, no plugin, no frame, nothing loaded from it.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(content);
  }
}

/** `attachment`, with an ASCII fallback name and the real (Chinese) one in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The request body as sent, refused as soon as it passes the size limit (the rest is not read). */
function readBody(req: HttpRequest): Promise<Buffer> {
  if ((req as { _body?: boolean })._body) {
    return Promise.reject(badInput('ATTACHMENT_BODY_NOT_RAW', 'Send the file’s bytes as the request body (Content-Type: application/octet-stream).'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_ATTACHMENT_BYTES) {
        done = true;
        reject(new AppError(PublicErrorCode.BAD_USER_INPUT, 'ATTACHMENT_TOO_LARGE', `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`, { httpStatus: 413 }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!done) reject(badInput('ATTACHMENT_UPLOAD_BROKEN', `The upload broke off: send the file again (${error.message}).`));
    });
  });
}
