import i18n from 'i18next';
import en from '../src/locales/en.json';
import zhCN from '../src/locales/zh-CN.json';
import { errorText } from '../src/errors';
import { GraphqlRequestError } from '../src/session/session-store';

const apiError = (extensions: Record<string, unknown>) => new GraphqlRequestError([{ message: 'server text', extensions }]);

describe('errorText: what a person reads when the API refuses', () => {
  beforeAll(async () => {
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  });

  it('says what happened by the precise reason, in the person’s language', async () => {
    expect(errorText(i18n.t, apiError({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' }))).toBe('邮箱或密码不正确。');
    await i18n.changeLanguage('en');
    expect(errorText(i18n.t, apiError({ code: 'CONFLICT', reason: 'LAST_ORG_ADMIN' }))).toBe("This is the organisation's last admin. Make someone else an admin first.");
    await i18n.changeLanguage('zh-CN');
  });

  it('names the personal data a text must lose before it goes to another organisation, never the value', async () => {
    const carried = apiError({ code: 'BAD_USER_INPUT', reason: 'PERSONAL_DATA_IN_TEXT', found: 'ID_NUMBER,PHONE' });
    expect(errorText(i18n.t, carried)).toContain('身份证号、电话号码');
    await i18n.changeLanguage('en');
    expect(errorText(i18n.t, carried)).toContain('remove ID numbers, phone numbers from it');
    await i18n.changeLanguage('zh-CN');
  });

  it('tells how long a lock lasts', () => {
    expect(errorText(i18n.t, apiError({ code: 'RATE_LIMITED', reason: 'SIGN_IN_LOCKED', retryAfterSeconds: 899 }))).toContain('约 15 分钟');
  });

  it('falls back to the public code for a reason it does not know, and quotes the request id for faults', () => {
    expect(errorText(i18n.t, apiError({ code: 'FORBIDDEN', reason: 'SOMETHING_NEW' }))).toBe('您没有执行此操作的权限。');
    expect(errorText(i18n.t, apiError({ code: 'INTERNAL', reason: 'INTERNAL', requestId: 'req-42' }))).toContain('req-42');
  });

  it('says what a reason means on the screen it happened on, when it means different things in different places', () => {
    const consent = apiError({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
    expect(errorText(i18n.t, consent, 'referral')).toContain('用途为「转介」的同意');
    expect(errorText(i18n.t, consent, 'assign')).toContain('个案管理');
    expect(errorText(i18n.t, consent, 'nowhere')).toBe('此人尚未给予所需的同意。');
    // Break-glass keeps its own words for the same reason code.
    expect(errorText(i18n.t, apiError({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' }))).toBe('请写明为何必须立即调阅。');
    expect(errorText(i18n.t, apiError({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' }), 'referral')).toBe('请选择原因并用几句话说明。');
  });

  it('reports a network failure when there is no answer at all', () => {
    expect(errorText(i18n.t, new TypeError('Failed to fetch'))).toBe('无法连接服务器，请检查网络后重试。');
  });
});
