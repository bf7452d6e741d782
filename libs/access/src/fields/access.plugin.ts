import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { InjectDataSource } from '@nestjs/typeorm';
import { GraphqlContext } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { AuditChainer } from '../audit/audit-chainer';
import { AuditTrail } from '../audit/audit-trail';
import { existingRequestAccess } from './request-access';

/**
 * Before a response leaves: the fields it withholds are named in `extensions.access.denied`, and the
 * personal fields it carries are written to the audit trail. If the trail cannot be written, the
 * data does not leave either.
 */
@Plugin()
export class AccessPlugin implements ApolloServerPlugin<GraphqlContext> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
    private readonly chainer: AuditChainer,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<GraphqlContext>> {
    const { db, audit, chainer } = this;
    return {
      async willSendResponse({ response, contextValue }) {
        const access = existingRequestAccess(contextValue.req);
        if (!access || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (access.denied.length > 0) {
          result.extensions = { ...result.extensions, access: { denied: access.denied } };
        }
        const events = access.compactAuditEvents();
        if (events.length === 0) return;
        const actor = access.actor;
        try {
          // Recorded now, in one statement; linked into the chain a moment later (AuditChainer).
          await audit.stage(db.manager, {
            userId: actor?.userId ?? null, organisationId: actor?.acting?.organisationId ?? null, requestId: contextValue.req.id ?? null,
          }, events);
          chainer.soon();
        } catch {
          result.data = null;
          result.errors = [{ message: 'The access to these records could not be recorded, so they are not shown. Please try again.', extensions: { code: 'INTERNAL', reason: 'AUDIT_UNAVAILABLE', requestId: contextValue.req.id } }];
        }
      },
    };
  }
}
