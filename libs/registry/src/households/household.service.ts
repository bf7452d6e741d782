import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { queryUnderRules } from '@zhulian/access';
import { Actor, notFound } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { ConsentGates } from '../consents/valid-consent';
import { HOUSEHOLD_COLUMNS, householdsFrom } from './household.rules';
import { Household } from './household.type';

interface HouseholdRow {
  id: string;
  holding_organisation_id: string;
  registered_by: string;
  region_code: string;
  address: string | null;
  monthly_income_cents: string | null;
  created_at: Date;
  consented_categories: string[];
  consent_ids: string[];
  break_glass: boolean;
}

const HOUSEHOLD_SELECT = `SELECT h.id, h.holding_organisation_id, h.registered_by, h.region_code, h.address, h.monthly_income_cents, h.created_at,
  COALESCE(g.categories, '{}') AS consented_categories, COALESCE(g.ids, '{}') AS consent_ids, ${HOUSEHOLD_COLUMNS.breakGlass} AS break_glass`;

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
    const rows = await queryUnderRules<HouseholdRow>(this.db.manager, actor, {
      subjectType: 'Household', columns: HOUSEHOLD_COLUMNS, select: HOUSEHOLD_SELECT, from: householdsFrom(this.gates),
      where: 'AND h.id = ANY(:ids)', params: { ids: [...ids] },
    });
    return new Map(rows.map((row) => [row.id, toHousehold(row)]));
  }
}

function toHousehold(row: HouseholdRow): Household {
  return Object.assign(new Household(), {
    id: row.id,
    regionCode: row.region_code,
    address: row.address,
    monthlyIncomeCents: row.monthly_income_cents === null ? null : Number(row.monthly_income_cents),
    holdingOrganisationId: row.holding_organisation_id,
    createdAt: row.created_at,
    registeredBy: row.registered_by,
    consentedCategories: row.consented_categories,
    consentIds: row.consent_ids,
    breakGlass: row.break_glass,
  });
}
