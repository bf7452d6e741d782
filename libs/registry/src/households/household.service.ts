import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { queryUnderRules } from '@zhulian/access';
import { Actor, notFound } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { ConsentGates } from '../consents/valid-consent';
import { HOUSEHOLD_COLUMNS, householdsFrom } from './household.rules';
import { HOUSEHOLD_STORE } from './household.store';
import { Household } from './household.type';

/** Households under the access rules; their members come from PersonService, each under the person rules. */
@Injectable()
export class HouseholdService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gates: ConsentGates,
  ) {}

  async get(actor: Actor, id: string): Promise<Household> {
    const found = await this.byIds(actor, [id]);
    const household = found.get(id);
    if (!household) throw notFound('HOUSEHOLD_NOT_FOUND', 'No such household, or not one you may see.');
    return household;
  }

  /** The households among the ids that the actor may see: one statement for any number of ids. */
  async byIds(actor: Actor, ids: readonly string[]): Promise<Map<string, Household>> {
    const rows = await queryUnderRules<object>(this.db.manager, actor, {
      subjectType: 'Household', columns: HOUSEHOLD_COLUMNS, select: HOUSEHOLD_STORE.select, from: householdsFrom(this.gates),
      where: 'AND h.id = ANY(:ids)', params: { ids: [...ids] },
    });
    const households = rows.map(HOUSEHOLD_STORE.toModel);
    return new Map(households.map((household) => [household.id, household]));
  }
}
