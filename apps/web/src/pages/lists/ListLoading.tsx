import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * What a list shows until its first page has come: the shape of rows, never "no one" or "nothing" before
 * the server has answered that.
 */
export function ListLoading({ rows = 6 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div data-testid="list-loading" aria-busy="true" aria-label={t('lists.loading')} role="status">
      <Skeleton active title={false} paragraph={{ rows }} />
    </div>
  );
}

/**
 * A list's empty text: said only once the server has answered that there is nothing (while a new sort or
 * search is on its way, the rows shown before stay under the spinner instead).
 */
export function emptyText(loading: boolean, text: string): string {
  return loading ? '' : text;
}
