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
  { field: 'regionCode', zh: '所在地区', en: 'Region' },
  { field: 'relationToHead', zh: '与户主关系', en: 'Relation to head' },
  { field: 'disability', zh: '残疾情况', en: 'Disability' },
  { field: 'chronicIllness', zh: '慢性病', en: 'Chronic illness' },
  { field: 'monthlyIncomeCents', zh: '月收入（元）', en: 'Monthly income (yuan)' },
  { field: 'assistance', zh: '已享救助', en: 'Assistance received' },
  { field: 'notes', zh: '备注', en: 'Notes' },
];

/** The Chinese words for the coded values of a Chinese export (an English export keeps the codes). */
export const EXPORT_VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  gender: { MALE: '男', FEMALE: '女', OTHER: '其他', UNKNOWN: '未知' },
  idDocumentType: { RESIDENT_ID: '居民身份证', PASSPORT: '护照', OTHER: '其他证件' },
  relationToHead: { HEAD: '户主', SPOUSE: '配偶', CHILD: '子女', PARENT: '父母', GRANDCHILD: '孙子女', GRANDPARENT: '祖父母', SIBLING: '兄弟姐妹', OTHER: '其他' },
  assistance: { DIBAO: '低保', TEKUN: '特困', MEDICAL: '医疗救助', HOUSING: '住房救助', EDUCATION: '教育救助', TEMPORARY: '临时救助' },
};
