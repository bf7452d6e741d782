import { subject } from '@casl/ability';
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, auditActor, AuditTrail, queryUnderRules, readProtectedField, RequestAccess } from '@zhulian/access';
import { Actor, AppError, badInput, forbidden, newId, notFound, PublicErrorCode } from '@zhulian/core';
import { ConsentGates } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { CaseService } from '../cases/case.service';
import { Case } from '../cases/case.type';
import { CASE_ATTACHMENT_COLUMNS } from './case-attachment.rules';
import { CASE_ATTACHMENT_STORE, caseAttachmentsFrom } from './case-attachment.store';
import { ATTACHMENT_SENSITIVITY, AttachmentCategory, CaseAttachment } from './case-attachment.type';
import { cleanFileName, detectAttachmentType, MAX_ATTACHMENT_BYTES } from './file-type';

/** What an upload says of itself besides its bytes. */
export interface AttachmentUpload {
  caseId: string;
  category: string | undefined;
  fileName: string | undefined;
}

const tooLarge = () => new AppError(PublicErrorCode.BAD_USER_INPUT, 'ATTACHMENT_TOO_LARGE',
  `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB: scan or photograph it at a lower resolution.`, { httpStatus: 413 });

/**
 * Files kept with a case (a signed consent form, a photo of an ID card): uploaded by those who work the
 * case, listed and downloaded under the attachment rules (rows in SQL), every upload and download audited.
 * The bytes live in PostgreSQL beside their facts, so that every API node serves them and a backup holds them.
 */
@Injectable()
export class CaseAttachmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseService,
    private readonly audit: AuditTrail,
    private readonly gates: ConsentGates,
  ) {}

  /** The attachments of the given cases the actor may read, oldest first: one statement for a page of cases. */
  async of(actor: Actor, caseIds: readonly string[]): Promise<Map<string, CaseAttachment[]>> {
    const rows = await this.select(this.db.manager, actor, 'AND f.case_id = ANY(:caseIds)', { caseIds: [...caseIds] });
    const byCase = new Map<string, CaseAttachment[]>();
    for (const file of rows) byCase.set(file.caseId, [...(byCase.get(file.caseId) ?? []), file]);
    return byCase;
  }

  /** Whether the actor may add a file of this kind to the case: checked before the bytes are read, and again when they are kept. */
  async checkUpload(actor: Actor, upload: AttachmentUpload, declaredLength: number | null): Promise<{ category: AttachmentCategory; fileName: string }> {
    const checked = this.checkInput(upload);
    if (declaredLength !== null && declaredLength > MAX_ATTACHMENT_BYTES) throw tooLarge();
    await this.db.transaction(async (tx) => this.assertMayAttach(actor, await this.cases.lockedForWork(tx, actor, upload.caseId), checked.category));
    return checked;
  }

  async upload(actor: Actor, upload: AttachmentUpload, bytes: Buffer): Promise<CaseAttachment> {
    const { category, fileName } = this.checkInput(upload);
    if (bytes.length === 0) throw badInput('ATTACHMENT_EMPTY', 'The file is empty.');
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw tooLarge();
    const type = detectAttachmentType(bytes);
    if (!type) {
      throw new AppError(PublicErrorCode.BAD_USER_INPUT, 'ATTACHMENT_TYPE_NOT_ALLOWED', 'Attach a PDF, PNG or JPEG file (the file’s content is checked, not its name).',
        { httpStatus: 415 });
    }
    return this.db.transaction(async (tx) => {
      const current = await this.cases.lockedForWork(tx, actor, upload.caseId);
      this.assertMayAttach(actor, current, category);
      const id = newId();
      await tx.query(
        `INSERT INTO case_attachments (id, case_id, category, sensitivity, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_by_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, current.id, category, ATTACHMENT_SENSITIVITY[category], fileName, type.contentType, bytes.length, createHash('sha256').update(bytes).digest(),
          actor.userId, actor.acting!.organisationId]);
      await tx.query(`INSERT INTO case_attachment_contents (attachment_id, content) VALUES ($1, $2)`, [id, bytes]);
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Case', subjectId: current.id, fields: ['attachments'], holderOrganisationId: current.holdingOrganisationId,
        details: { attachment: id, category, contentType: type.contentType, sizeBytes: bytes.length },
      }]);
      const [added] = await this.select(tx, actor, 'AND f.id = :id', { id });
      return added;
    });
  }

  /**
   * The file, if the actor may read it, through the one field check; the read is written to the audit trail
   * before the bytes are handed back (a download that cannot be recorded is not made).
   */
  async download(actor: Actor, access: RequestAccess, id: string): Promise<{ attachment: CaseAttachment; content: Buffer }> {
    const [attachment] = await this.select(this.db.manager, actor, 'AND f.id = :id', { id });
    if (!attachment) throw notFound('ATTACHMENT_NOT_FOUND', 'No such file, or not one you may see.');
    const content = await readProtectedField(access, CaseAttachment, attachment as unknown as Record<string, unknown>, 'content', async () => {
      const [row]: { content: Buffer }[] = await this.db.query(`SELECT content FROM case_attachment_contents WHERE attachment_id = $1`, [id]);
      return row.content;
    }, { path: 'download.content' }) as Buffer | null;
    if (!content) throw notFound('ATTACHMENT_NOT_FOUND', 'No such file, or not one you may see.');
    await this.db.transaction((tx) => this.audit.record(tx, auditActor(actor), access.auditEvents()));
    return { attachment, content };
  }

  private checkInput(upload: AttachmentUpload): { category: AttachmentCategory; fileName: string } {
    const category = upload.category as AttachmentCategory;
    if (!Object.values(AttachmentCategory).includes(category)) {
      throw badInput('ATTACHMENT_CATEGORY_INVALID', `Say what the file is: one of ${Object.values(AttachmentCategory).join(', ')}.`, 'category');
    }
    const fileName = cleanFileName(upload.fileName ?? '');
    if (!fileName) throw badInput('ATTACHMENT_NAME_REQUIRED', 'Give the file a name.', 'name');
    return { category, fileName };
  }

  /** Nobody adds what they could not read back: another organisation's caseworker needs the person's consent to that kind of data. */
  private assertMayAttach(actor: Actor, current: Case, category: AttachmentCategory): void {
    const file = { holdingOrganisationId: current.holdingOrganisationId, assignedToMe: current.assignedToMe, consentedCategories: current.consentedCategories,
      sensitivity: ATTACHMENT_SENSITIVITY[category] };
    if (!abilityFor(actor).can('read', subject('CaseAttachment', file))) {
      throw forbidden('ATTACHMENT_NOT_ALLOWED', 'You may not add this kind of file to the case: the person has not consented to your organisation reading it.');
    }
  }

  private async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>): Promise<CaseAttachment[]> {
    const rows = await queryUnderRules<object>(tx, actor, {
      subjectType: 'CaseAttachment', columns: CASE_ATTACHMENT_COLUMNS, select: CASE_ATTACHMENT_STORE.select, from: caseAttachmentsFrom(this.gates), where, params,
      tail: 'ORDER BY f.case_id, f.uploaded_at, f.id',
    });
    return rows.map(CASE_ATTACHMENT_STORE.toModel);
  }
}
