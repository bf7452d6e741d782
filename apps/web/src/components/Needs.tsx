import { useQuery } from '@apollo/client/react';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { Guarded } from './Guarded';

const NEED_CATEGORIES = graphql(`
  query NeedCategories { needCategories { code nameZh nameEn } }
`);

/**
 * The need taxonomy in the screen's language. It is data (a region may add its own categories), so
 * the names come from the API, not from the translation files; read once per session.
 */
export function useNeeds() {
  const { i18n } = useTranslation();
  const { data } = useQuery(NEED_CATEGORIES, { fetchPolicy: 'cache-first' });
  const english = i18n.resolvedLanguage === 'en';
  const categories = data?.needCategories ?? [];
  const label = (c: { nameZh: string; nameEn: string }) => (english ? c.nameEn : c.nameZh);
  return {
    options: categories.map((c) => ({ value: c.code, label: label(c) })),
    /** A category's name; the code itself for one retired since (still on old cases). */
    name: (code: string) => {
      const found = categories.find((c) => c.code === code);
      return found ? label(found) : code;
    },
  };
}

/** A case's or referral's needs as tags; a lock when the API withheld them. */
export function NeedTags({ codes }: { codes: string[] | null | undefined }) {
  const { name } = useNeeds();
  if (!codes) return <Guarded value={null} />;
  return (
    <Space size={[4, 4]} wrap>
      {codes.map((code) => <Tag key={code} color="geekblue" data-testid="need">{name(code)}</Tag>)}
    </Space>
  );
}
