import { bigintAsNumber, defineStore } from '@zhulian/core';
import { ConsentGates, CONSENTS_OPENING } from '../consents/valid-consent';
import { PersonAttributes } from './person-attributes';
import { PERSON_COLUMNS } from './person.rules';
import { Person } from './person.type';

/**
 * A person as every read of people selects it (PersonService). A new field of a person is its migration,
 * its line here and its declaration on `Person` (with its sensitivity).
 */
export const PERSON_STORE = defineStore(Person, {
  id: 'p.id',
  fullName: 'p.full_name',
  gender: 'p.gender',
  birthYear: 'EXTRACT(YEAR FROM p.birth_date)::int',
  birthDate: `to_char(p.birth_date, 'YYYY-MM-DD')`,
  idDocumentType: 'p.id_document_type',
  // Unsealed on read, for those who may read it, by PersonIdNumbers from idKeyId and idSealed.
  idNumber: 'NULL::text',
  idKeyId: 'p.id_key_id',
  idSealed: 'p.id_sealed',
  phone: 'p.phone',
  address: 'p.address',
  regionCode: 'p.region_code',
  relationToHead: 'p.relation_to_head',
  householdId: 'p.household_id',
  mergedRecordIds: 'ARRAY(SELECT m.id FROM people m WHERE m.merged_into = p.id ORDER BY m.id)',
  disability: 'p.disability',
  chronicIllness: 'p.chronic_illness',
  monthlyIncomeCents: { sql: 'p.monthly_income_cents', read: bigintAsNumber },
  assistance: 'p.assistance',
  notes: 'p.notes',
  holdingOrganisationId: 'p.holding_organisation_id',
  createdAt: 'p.created_at',
  registeredBy: 'p.registered_by',
  // What the acting organisation's consents in force open of this person (ConsentGates), and a break-glass opening.
  ...CONSENTS_OPENING,
  breakGlass: PERSON_COLUMNS.breakGlass,
});

/** People with the acting organisation's consents that open them now, and the attributes other domains declared. */
export const peopleFrom = (gates: ConsentGates, attributes: PersonAttributes) => `FROM people p ${gates.openingTo('p.id')}${attributes.joins()}`;

/** A row of the people statement as a person, with the attributes other domains declared (`"attr:name"`). */
export function toPerson(row: object): Person {
  const person = PERSON_STORE.toModel(row) as Person & Record<string, unknown>;
  for (const [key, value] of Object.entries(row)) if (key.startsWith('attr:')) person[key.slice(5)] = value;
  return person;
}
