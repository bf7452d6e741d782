import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../session/SessionProvider';
import { pageAfterSwitch } from './route-access';

/** A navigation's state that asks for the switch once the page is left (see useSwitchOnArrival). */
interface SwitchState {
  switchTo?: string;
}

/**
 * Switching the organisation one acts for. A record, a form or a sub-page belonged to the other
 * organisation: first to that page's list (a form with unsaved changes asks before), then the switch, so
 * the record is never read again as the new organisation and refused. A list stays where it is.
 */
export function useOrganisationSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { activeMemberships, switchOrganisation } = useSession();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  return (organisationId: string) => {
    const chosen = activeMemberships.find((m) => m.organisation.id === organisationId);
    if (!chosen) return;
    const target = pageAfterSwitch(pathname, chosen);
    if (target !== pathname) {
      navigate(target, { state: { switchTo: organisationId } satisfies SwitchState });
      return;
    }
    // The switch is made at once; what the pages read again shows its own errors, if any.
    void switchOrganisation(organisationId).catch(() => undefined);
    void message.success(t('org.switched', { name: chosen.organisation.name }));
    // The query string may name a record of the other organisation (`?caseId=`): the page without it.
    if (search) navigate(pathname, { replace: true });
  };
}

/**
 * The second half of a switch made from a record's page: on arriving at the list, switch, and show
 * nothing of the page until then (it would be the old organisation's list for a moment).
 */
export function useSwitchOnArrival(): boolean {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { activeMemberships, switchOrganisation } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const switchTo = (location.state as SwitchState | null)?.switchTo;
  useEffect(() => {
    if (!switchTo) return;
    const chosen = activeMemberships.find((m) => m.organisation.id === switchTo);
    void switchOrganisation(switchTo).catch(() => undefined);
    navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    void message.success(t('org.switched', { name: chosen?.organisation.name }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per arrival
  }, [switchTo]);
  return !!switchTo;
}
