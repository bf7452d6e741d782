import type { ServiceInRegion } from '@zhulian/directory';
import type { ReceiverStats, ServiceReferralStats } from '@zhulian/referrals';
import { ServiceFigures } from './region-dashboard.type';
import { MIN_CELL, suppressAcross, suppressGroup } from './small-cells';

type Figure = 'received' | 'accepted';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The share of a service's places taken, to a thousandth; null without a total to take it of. */
function useOf(capacity: ServiceInRegion['capacity']): number | null {
  if (!capacity || capacity.maximum === null || capacity.maximum === 0) return null;
  return Math.round(((capacity.maximum - capacity.available) / capacity.maximum) * 1000) / 1000;
}

/**
 * Capacity use per service working in the region, with the region's referrals to it. Places are directory data
 * (shown as they are); the referrals count people and are withheld like every such count. A service's referrals
 * are part of its organisation's, whose count the dashboard shows beside them (`referralsByReceiver`): the
 * organisation's services, and what it received for none of them (never shown, but its count less theirs), form
 * a group whose total is shown, so a single withheld service can never be worked out from it. `withheld` names
 * the organisations whose own count has to go as well (when no arrangement protects their services' counts).
 */
export function serviceFigures(
  services: readonly ServiceInRegion[],
  referrals: readonly ServiceReferralStats[],
  receivers: readonly ReceiverStats[],
  districts: readonly string[],
): { rows: ServiceFigures[]; withheld: { organisationId: string; figure: Figure }[] } {
  const perDistrict = (rows: readonly (ServiceReferralStats | ReceiverStats)[], figure: Figure) =>
    districts.map((d) => sum(rows.filter((r) => r.regionCode === d).map((r) => r[figure])));
  const shown = new Map<string, { received: number | null; accepted: number | null }>();
  const withheld: { organisationId: string; figure: Figure }[] = [];

  for (const organisationId of new Set(services.map((s) => s.organisationId))) {
    const mine = services.filter((s) => s.organisationId === organisationId);
    const own = (s: ServiceInRegion) => referrals.filter((r) => r.serviceId === s.serviceId && r.organisationId === organisationId);
    const organisationRows = receivers.filter((r) => r.organisationId === organisationId);
    const received = protect(mine.map((s) => perDistrict(own(s), 'received')), perDistrict(organisationRows, 'received'), mine.map(() => false));
    // Received less accepted counts people too: where it is 1–4, the accepted count is withheld.
    const totals = (figure: Figure) => mine.map((s) => sum(perDistrict(own(s), figure)));
    const [receivedTotals, acceptedTotals] = [totals('received'), totals('accepted')];
    const notAcceptedSmall = mine.map((_, i) => received.counts[i] !== null && receivedTotals[i] - acceptedTotals[i] > 0 && receivedTotals[i] - acceptedTotals[i] < MIN_CELL);
    const accepted = protect(mine.map((s) => perDistrict(own(s), 'accepted')), perDistrict(organisationRows, 'accepted'), notAcceptedSmall);
    if (received.withholdOrganisation) withheld.push({ organisationId, figure: 'received' });
    if (accepted.withholdOrganisation) withheld.push({ organisationId, figure: 'accepted' });
    mine.forEach((s, i) => shown.set(s.serviceId, { received: received.counts[i], accepted: accepted.counts[i] }));
  }

  const rows = services.map((s) => Object.assign(new ServiceFigures(), {
    serviceId: s.serviceId, serviceName: s.serviceName, organisationId: s.organisationId, organisationName: s.organisationName, status: s.status,
    capacityTracked: s.capacity !== null, placesTotal: s.capacity?.maximum ?? null, placesAvailable: s.capacity?.available ?? null,
    capacityUnit: s.capacity?.unit ?? null, capacityUpdatedAt: s.capacity?.updatedAt ?? null, use: useOf(s.capacity),
    referralsReceived: shown.get(s.serviceId)!.received, referralsAccepted: shown.get(s.serviceId)!.accepted,
  }));
  return { rows, withheld };
}

/**
 * One figure of an organisation's services (each given per district): each withheld where it or a district's
 * share of it is small (`suppressAcross`) or where told to; then, if the organisation's own count is shown, more
 * withheld until the withheld ones cannot be worked out from it; `withholdOrganisation` when nothing but its going can do that.
 */
function protect(services: readonly (readonly number[])[], organisation: readonly number[], forced: readonly boolean[]) {
  const totals = services.map(sum);
  const hidden = services.map((per, i) => forced[i] || suppressAcross(per) === null);
  if (suppressAcross(organisation) === null) return { counts: totals.map((n, i) => (hidden[i] ? null : n)), withholdOrganisation: false };
  // What the organisation received for no service listed here (or counted between the two reads): never shown, derivable.
  const rest = Math.max(0, sum(organisation) - sum(totals));
  const group = suppressGroup([...totals, rest], [...hidden, false]);
  return { counts: group.counts.slice(0, totals.length), withholdOrganisation: !group.totalShown };
}
