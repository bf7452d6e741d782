import i18n from 'i18next';
import en from '../src/locales/en.json';
import zhCN from '../src/locales/zh-CN.json';
import { caseAttachmentLine, caseEventLine, caseNoteLine, referralEventLine } from '../src/pages/timeline/timeline-text';

describe('timelines in words', () => {
  beforeAll(async () => {
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  });
  afterEach(() => i18n.changeLanguage('zh-CN'));

  it('says who was assigned, and from which organisation when the event names it', () => {
    expect(caseEventLine(i18n.t, { kind: 'ASSIGNED', actorName: '陈红', assigneeName: '张伟' })).toEqual({ text: '指派 张伟', by: '陈红' });
    expect(caseEventLine(i18n.t, { kind: 'ASSIGNED', actorName: '陈红', assigneeName: '刘芳', organisationName: '朝阳区夕阳红养老服务中心' }).text)
      .toBe('指派 刘芳（朝阳区夕阳红养老服务中心）');
  });

  it('names the changed fields, never their values, and the outcome of a closing', async () => {
    expect(caseEventLine(i18n.t, { kind: 'UPDATED', actorName: '张伟', changed: ['needs', 'notes'] }).text).toBe('修改了需求、个案记录');
    expect(caseEventLine(i18n.t, { kind: 'STATUS_CHANGED', actorName: '张伟', fromStatus: 'IN_PROGRESS', toStatus: 'CLOSED', outcome: 'NEEDS_MET' }))
      .toEqual({ text: '状态：处理中 → 已结案', by: '张伟', detail: '结果：需求已满足' });
    await i18n.changeLanguage('en');
    expect(caseEventLine(i18n.t, { kind: 'UPDATED', actorName: 'Zhang Wei', changed: ['needs', 'notes'] }).text).toBe('Changed Needs, Case notes');
  });

  it('signs a note with its author and their organisation, and says when it corrects one or was carried over', async () => {
    const author = { authorName: '张伟', authorOrganisationName: '建外街道' };
    expect(caseNoteLine(i18n.t, author)).toEqual({ text: '写了记录', by: '张伟（建外街道）' });
    expect(caseNoteLine(i18n.t, { ...author, correctsId: 'n1' }).text).toBe('更正了一条记录');
    expect(caseNoteLine(i18n.t, { ...author, migrated: true }).text).toBe('原个案记录（系统迁移）');
    expect(caseAttachmentLine(i18n.t, { category: 'SIGNED_CONSENT', fileName: '同意书.pdf', uploadedByName: '张伟', uploadedByOrganisationName: '建外街道' }))
      .toEqual({ text: '上传了附件：同意书.pdf（签字同意书）', by: '张伟（建外街道）' });
    await i18n.changeLanguage('en');
    expect(caseAttachmentLine(i18n.t, { category: 'ID_DOCUMENT', fileName: null, uploadedByName: 'Zhang Wei', uploadedByOrganisationName: 'Jianwai' }).text)
      .toBe('attached — (ID document)');
  });

  it('tells a referral’s moves on the case, and the system when no one acted', () => {
    expect(caseEventLine(i18n.t, { kind: 'REFERRAL', actorName: null, organisationName: '朝阳区夕阳红养老服务中心', referralStatus: 'ACCEPTED' }))
      .toEqual({ text: '转介至 朝阳区夕阳红养老服务中心：已接受', by: '系统' });
    expect(caseEventLine(i18n.t, { kind: 'REFERRAL', organisationName: 'X', referralStatus: 'SOMETHING_NEW' }).text).toBe('转介至 X：状态变更');
  });

  it('gives a referral move with its reason, and names kinds it does not know without showing a code', () => {
    expect(referralEventLine(i18n.t, {
      kind: 'STATUS_CHANGED', actorName: '刘芳', actorOrganisationName: '朝阳区夕阳红养老服务中心', fromStatus: 'REQUESTED', toStatus: 'REJECTED',
      reasonCode: 'OUT_OF_AREA', reasonText: '不在我们的服务片区',
    })).toEqual({ text: '待接收 → 已拒绝', by: '刘芳（朝阳区夕阳红养老服务中心）', detail: '不在服务区域：不在我们的服务片区' });
    expect(referralEventLine(i18n.t, { kind: 'STATUS_CHANGED', actorName: '张伟', toStatus: 'REQUESTED' }).text).toBe('创建转介：待接收');
    expect(referralEventLine(i18n.t, { kind: 'ESCALATED' }).text).toBe('久未回应，已上报发送机构的协调员');
    expect(referralEventLine(i18n.t, { kind: 'SOMETHING_NEW' }).text).toBe('其他记录');
  });
});
