import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, badInput, checkRegionCode, conflict, Connection, newId, notFound, paginate, requireRole, Role } from '@zhulian/core';
import { DataSource, In, QueryFailedError } from 'typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { CreateOrganisationInput, OrganisationsArgs } from '../dto/organisation.inputs';
import { Organisation } from '../entities/organisation.entity';

/**
 * The alliance's organisations. Their name, kind and region are public within the alliance (every
 * member needs them to refer and coordinate); only platform admins create them.
 */
@Injectable()
export class OrganisationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  list(_actor: Actor, args: OrganisationsArgs): Promise<Connection<Organisation>> {
    const query = this.db.getRepository(Organisation).createQueryBuilder('o');
    if (args.kind) query.andWhere('o.kind = :kind', { kind: args.kind });
    return paginate(query, { columns: ['o.id'], keyOf: (o) => [o.id] }, args);
  }

  async get(_actor: Actor, id: string): Promise<Organisation> {
    const organisation = await this.db.getRepository(Organisation).findOneBy({ id });
    if (!organisation) throw notFound('ORGANISATION_NOT_FOUND', 'No such organisation.');
    return organisation;
  }

  /** Loads many at once for field resolvers (see the request-scoped loader). */
  async getMany(ids: readonly string[]): Promise<Organisation[]> {
    return this.db.getRepository(Organisation).findBy({ id: In([...ids]) });
  }

  async create(actor: Actor, input: CreateOrganisationInput): Promise<Organisation> {
    const acting = requireRole(actor, [Role.PLATFORM_ADMIN], 'create organisations');
    const region = checkRegionCode(input.regionCode);
    if (!region.ok) {
      throw badInput('REGION_CODE_UNKNOWN', 'This region code does not exist. Use a district code such as 110105 or a street code such as 110105001.', 'input.regionCode');
    }
    const name = input.name.trim();
    if (!name) throw badInput('INVALID_INPUT', 'Enter the organisation’s name.', 'input.name');
    return this.db.transaction(async (tx) => {
      if (input.parentId && !(await tx.getRepository(Organisation).existsBy({ id: input.parentId }))) {
        throw badInput('PARENT_ORGANISATION_NOT_FOUND', 'The parent organisation does not exist.', 'input.parentId');
      }
      const now = new Date();
      const organisation = tx.getRepository(Organisation).create({
        id: newId(), name, kind: input.kind, regionCode: input.regionCode, parentId: input.parentId ?? null, createdAt: now, updatedAt: now,
      });
      try {
        await tx.getRepository(Organisation).insert(organisation);
      } catch (error) {
        if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
          throw conflict('ORGANISATION_EXISTS', 'An organisation with this name already exists in this region.', 'input.name');
        }
        throw error;
      }
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Organisation', subjectId: organisation.id, fields: ['name', 'kind', 'regionCode', 'parentId'],
        grounds: { role: acting.role },
      }]);
      return organisation;
    });
  }
}
