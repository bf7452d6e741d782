import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ExportLanguage {
  ZH_CN = 'ZH_CN',
  EN = 'EN',
}
registerEnumType(ExportLanguage, { name: 'ExportLanguage', description: 'The language of the export’s column headings.' });

@ObjectType({ description: 'A CSV export of a list, with exactly the values, masks and blanks that the list shows you.' })
export class PeopleExport {
  @Field()
  filename!: string;

  @Field({ description: 'UTF-8 CSV with a byte-order mark (so that spreadsheet programs read Chinese), one row per person.' })
  csv!: string;

  @Field(() => Int)
  rows!: number;
}

/** The exported columns of a person, in order, with their headings in each language. */
export const PEOPLE_EXPORT_COLUMNS: readonly { field: string; zh: string; en: string }[] = [
  { field: 'id', zh: '记录编号', en: 'Record id' },
  { field: 'fullName', zh: '姓名', en: 'Full name' },
  { field: 'gender', zh: '性别', en: 'Gender' },
  { field: 'birthYear', zh: '出生年份', en: 'Year of birth' },
  { field: 'birthDate', zh: '出生日期', en: 'Date of birth' },
  { field: 'idDocumentType', zh: '证件类型', en: 'ID document' },
  { field: 'idNumber', zh: '证件号码', en: 'ID number' },
  { field: 'phone', zh: '手机号', en: 'Mobile' },
  { field: 'address', zh: '地址', en: 'Address' },
  { field: 'regionCode', zh: '区划代码', en: 'Region code' },
  { field: 'relationToHead', zh: '与户主关系', en: 'Relation to head' },
  { field: 'disability', zh: '残疾情况', en: 'Disability' },
  { field: 'chronicIllness', zh: '慢性病', en: 'Chronic illness' },
  { field: 'monthlyIncomeCents', zh: '月收入（元）', en: 'Monthly income (yuan)' },
  { field: 'assistance', zh: '已享救助', en: 'Assistance received' },
  { field: 'notes', zh: '备注', en: 'Notes' },
];
