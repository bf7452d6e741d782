/**
 * A moment as people in the alliance read it: Beijing time, in the screen's language. The API sends UTC;
 * a browser abroad (or a test machine) must still show the time the street office saw on its clock.
 */
export function dateTime(iso: string | null | undefined, language: string | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
}

export function date(iso: string | null | undefined, language: string | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(iso));
}
