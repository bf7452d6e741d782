import type { Assistance, Gender, HouseholdRelation, RegisterPersonInput } from '../../gql/graphql';

/** No household; found one with this person as head (户主); or join one the organisation holds. */
export type HouseholdChoice = 'NONE' | 'NEW' | 'JOIN';

/** The register form as the person fills it in: money in yuan, the household as one choice. */
export interface RegistrationFields {
  fullName: string;
  idNumber?: string;
  gender?: Gender;
  birthDate?: string;
  phone?: string;
  address?: string;
  regionCode: string;
  disability?: string;
  chronicIllness?: string;
  monthlyIncome?: number | null;
  assistance?: Assistance[];
  notes?: string;
  householdChoice?: HouseholdChoice;
  householdIncome?: number | null;
  householdAddress?: string;
  householdId?: string;
  relationToHead?: HouseholdRelation;
}

/** The form's field for each input path the API names in an error (`extensions.field`). */
export const FIELD_OF_INPUT: Record<string, keyof RegistrationFields> = {
  'input.fullName': 'fullName', 'input.idNumber': 'idNumber', 'input.gender': 'gender', 'input.birthDate': 'birthDate', 'input.phone': 'phone',
  'input.address': 'address', 'input.regionCode': 'regionCode', 'input.disability': 'disability', 'input.chronicIllness': 'chronicIllness',
  'input.monthlyIncomeCents': 'monthlyIncome', 'input.assistance': 'assistance', 'input.notes': 'notes',
  'input.newHousehold': 'householdChoice', 'input.newHousehold.address': 'householdAddress', 'input.newHousehold.monthlyIncomeCents': 'householdIncome',
  'input.householdId': 'householdId', 'input.relationToHead': 'relationToHead',
};

/** Yuan as typed (two decimals at most) to fen, as the API keeps money. */
export const toFen = (yuan: number): number => Math.round(yuan * 100);

const given = <T>(value: T | null | undefined | ''): value is T =>
  value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '') && !(Array.isArray(value) && value.length === 0);

/** What the register form sends: empty fields left out, yuan in fen, the household choice spelled out. */
export function registrationInput(fields: RegistrationFields): RegisterPersonInput {
  const { monthlyIncome, householdChoice, householdIncome, householdAddress, householdId, relationToHead, ...person } = fields;
  const input = Object.fromEntries(Object.entries(person).filter(([, value]) => given(value))) as unknown as RegisterPersonInput;
  if (given(monthlyIncome)) input.monthlyIncomeCents = toFen(monthlyIncome);
  if (householdChoice === 'NEW') {
    input.newHousehold = {
      ...(given(householdAddress) ? { address: householdAddress.trim() } : {}),
      ...(given(householdIncome) ? { monthlyIncomeCents: toFen(householdIncome) } : {}),
    };
  }
  if (householdChoice === 'JOIN') {
    if (given(householdId)) input.householdId = householdId;
    if (given(relationToHead)) input.relationToHead = relationToHead;
  }
  return input;
}
