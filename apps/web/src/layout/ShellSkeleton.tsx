import { useTranslation } from 'react-i18next';

/**
 * The app's frame before the session is known or the frame's code has arrived: the header with the app's
 * name, the menu's place (a side menu on a desk, a bottom bar on a phone) and the shape of a page. It is the
 * skeleton index.html paints before any script runs (same classes, styled there), so a cold start shows
 * one steady frame and never a spinner over an empty page or a "nothing here" message.
 */
export function ShellSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="zl-boot" data-testid="shell-skeleton">
      <div className="zl-boot-header"><span className="zl-boot-name">{t('app.name')}</span></div>
      <div className="zl-boot-body">
        <div className="zl-boot-side" />
        <div className="zl-boot-main" role="status" aria-live="polite" aria-label={t('app.loading')}>
          <div className="zl-boot-line zl-boot-title" />
          <div className="zl-boot-line" />
          <div className="zl-boot-line" />
          <div className="zl-boot-line zl-boot-short" />
        </div>
      </div>
      <div className="zl-boot-bar" />
    </div>
  );
}
