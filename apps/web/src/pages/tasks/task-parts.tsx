import { useQuery } from '@apollo/client/react';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorReason, errorText } from '../../errors';
import { graphql } from '../../gql';
import type { ClaimStatus } from '../../gql/graphql';

const SKILLS = graphql(`
  query SkillNames {
    skillList { code nameZh nameEn }
  }
`);

/** Skill codes → their names in the screen's language. */
export function useSkillNames(): (code: string) => string {
  const { i18n } = useTranslation();
  const { data } = useQuery(SKILLS);
  return useMemo(() => {
    const names = new Map((data?.skillList ?? []).map((s) => [s.code, i18n.resolvedLanguage === 'en' ? s.nameEn : s.nameZh]));
    return (code: string) => names.get(code) ?? code;
  }, [data, i18n.resolvedLanguage]);
}

export function useSkillOptions(): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const { data } = useQuery(SKILLS);
  return (data?.skillList ?? []).map((s) => ({ value: s.code, label: i18n.resolvedLanguage === 'en' ? s.nameEn : s.nameZh }));
}

/** "12月6日 周六 09:00–11:00" (Beijing time, the screen's language); the end's day too when it differs. */
export function timeRange(startsAt: string, endsAt: string, language: string | undefined): string {
  const locale = language === 'en' ? 'en-GB' : 'zh-CN';
  const zone = { timeZone: 'Asia/Shanghai' } as const;
  const day = new Intl.DateTimeFormat(locale, { ...zone, month: 'short', day: 'numeric', weekday: 'short' });
  const time = new Intl.DateTimeFormat(locale, { ...zone, hour: '2-digit', minute: '2-digit', hour12: false });
  const [start, end] = [new Date(startsAt), new Date(endsAt)];
  const sameDay = day.format(start) === day.format(end);
  return `${day.format(start)} ${time.format(start)}–${sameDay ? '' : `${day.format(end)} `}${time.format(end)}`;
}

/** The time now, renewed every half minute: buttons that depend on the clock (check in, give up) appear and go on their own. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Hours with one decimal, as statements give them. */
export function hours(minutes: number): string {
  return (minutes / 60).toFixed(1);
}

const CLAIM_COLOURS: Partial<Record<ClaimStatus, string>> = {
  HELD: 'green', PENDING: 'gold', WAITLISTED: 'blue', OFFERED: 'magenta', COMPLETED: 'cyan', NO_SHOW: 'red', DECLINED: 'red', CANCELLED: 'default',
};

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation();
  return <Tag color={CLAIM_COLOURS[status] ?? 'default'} data-testid="claim-status" data-status={status}>{t(`tasks.claimStatus.${status}`)}</Tag>;
}

/** A volunteer-side error in words: the tasks' own reasons first, else the app's. */
export function taskErrorText(t: TFunction, error: unknown): string {
  const reason = errorReason(error);
  const own = reason ? t(`tasks.errors.${reason}`, { defaultValue: '' }) : '';
  return own || errorText(t, error);
}

/** Check-in opens an hour before the task and closes two hours after it ends (libs/tasks attendance). */
export function canCheckInNow(claim: { status: ClaimStatus; checkedInAt?: string | null }, task: { startsAt: string; endsAt: string }, now: number): boolean {
  return claim.status === 'HELD' && !claim.checkedInAt
    && now >= new Date(task.startsAt).getTime() - 3600_000 && now <= new Date(task.endsAt).getTime() + 2 * 3600_000;
}

export function canCheckOutNow(claim: { status: ClaimStatus; checkedInAt?: string | null; checkedOutAt?: string | null }): boolean {
  return claim.status === 'HELD' && !!claim.checkedInAt && !claim.checkedOutAt;
}

/** A claim the volunteer may still give up: before the task starts. */
export function canRelease(claim: { status: ClaimStatus }, task: { startsAt: string }, now: number): boolean {
  return ['HELD', 'PENDING', 'WAITLISTED', 'OFFERED'].includes(claim.status) && new Date(task.startsAt).getTime() > now;
}

/** A place as the API keeps it for a check-in or check-out. */
export interface Place {
  latitude: number;
  longitude: number;
  accuracyMeters?: number | null;
}

/** Where the device is, if it can tell within `timeoutMs` and the person lets it; null otherwise (never an error). */
export function currentPlace(timeoutMs = 10_000): Promise<Place | null> {
  return new Promise((resolve) => {
    if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({
        latitude: coords.latitude, longitude: coords.longitude,
        ...(Number.isFinite(coords.accuracy) ? { accuracyMeters: Math.min(Math.round(coords.accuracy), 100_000) } : {}),
      }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

const SHARE_PLACE_KEY = 'zhulian.tasks.sharePlace';

/** Whether the volunteer chose to say where they are when checking in and out: off until they turn it on, then remembered on this device. */
export function useSharePlace(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    try {
      return window.localStorage.getItem(SHARE_PLACE_KEY) === 'yes';
    } catch {
      return false;
    }
  });
  const set = (value: boolean) => {
    setOn(value);
    try {
      window.localStorage.setItem(SHARE_PLACE_KEY, value ? 'yes' : 'no');
    } catch {
      // A browser that keeps nothing: the choice lasts for this page.
    }
  };
  return [on, set];
}

/** A place as people read it: the point to four decimals and, when known, how accurate it was. */
export function placeText(t: TFunction, place: Place): string {
  const point = `${place.latitude.toFixed(4)}, ${place.longitude.toFixed(4)}`;
  return place.accuracyMeters === null || place.accuracyMeters === undefined ? point : t('tasks.place.withAccuracy', { point, meters: place.accuracyMeters });
}
