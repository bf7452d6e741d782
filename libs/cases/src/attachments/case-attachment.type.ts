import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotPersonal, Sensitive, SensitivityCategory } from '@zhulian/access';

export enum AttachmentCategory {
  SIGNED_CONSENT = 'SIGNED_CONSENT',
  ID_DOCUMENT = 'ID_DOCUMENT',
  CERTIFICATE = 'CERTIFICATE',
  PHOTO = 'PHOTO',
  OTHER = 'OTHER',
}
registerEnumType(AttachmentCategory, { name: 'AttachmentCategory', description: 'What a case attachment is: a signed consent form, an ID document, a certificate, a photo, something else.' });

/**
 * The kind of personal data an attachment holds, which decides who may read it: an ID document is the
 * person's identity data (another organisation's caseworker needs the person's consent to identity); the
 * rest are part of the case file (consent to case notes).
 */
export const ATTACHMENT_SENSITIVITY: Record<AttachmentCategory, Extract<SensitivityCategory, 'identity' | 'case_notes'>> = {
  [AttachmentCategory.SIGNED_CONSENT]: 'case_notes',
  [AttachmentCategory.ID_DOCUMENT]: 'identity',
  [AttachmentCategory.CERTIFICATE]: 'case_notes',
  [AttachmentCategory.PHOTO]: 'case_notes',
  [AttachmentCategory.OTHER]: 'case_notes',
};

/** A file kept with a case; its bytes are downloaded from `/files/<id>` (each download audited). */
@ObjectType({ description: 'A file kept with a case. Download it from /files/<id> with the same sign-in as the API; every download is audited.' })
export class CaseAttachment {
  @NotPersonal()
  @Field(() => ID)
  id!: string;

  @NotPersonal()
  @Field(() => ID)
  caseId!: string;

  @Sensitive('basic')
  @Field(() => AttachmentCategory, { nullable: true })
  category!: AttachmentCategory | null;

  @Sensitive('case_notes')
  @Field(() => String, { nullable: true, description: 'The file’s name as uploaded (it may name the person).' })
  fileName!: string | null;

  /** The bytes: not a GraphQL field, read through the same field check when downloaded (so audited). */
  @Sensitive('case_notes')
  content?: unknown;

  @NotPersonal()
  @Field({ description: 'application/pdf, image/png or image/jpeg, as found in the file itself.' })
  contentType!: string;

  @NotPersonal()
  @Field(() => Int)
  sizeBytes!: number;

  @NotPersonal()
  @Field()
  uploadedByName!: string;

  @NotPersonal()
  @Field()
  uploadedByOrganisationName!: string;

  @NotPersonal()
  @Field()
  uploadedAt!: Date;

  // Attributes the access rules read; not part of the API.
  holdingOrganisationId!: string;
  assignedToMe!: boolean;
  consentedCategories!: string[];
  consentIds!: string[];
  sensitivity!: string;
}
