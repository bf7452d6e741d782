import { Injectable, OnModuleInit } from '@nestjs/common';
import { FirstScreen, FirstScreens, InternalQueries, newId } from '@zhulian/core';
import { PageSessions } from '@zhulian/identity';
import escapeHtml from 'escape-html';
import type { Request } from 'express';
import { CONSENT_RECEIVERS } from '../people/person.rules';
import { FIRST_SCREEN_WORDS, FirstScreenLanguage } from './first-screen-words';

/** The language cookie the app keeps beside its own choice (apps/web language.ts). */
const LANGUAGE_COOKIE = 'zhulian_lang';

/**
 * The first page of the people list as the app opens it (25 rows, in the order registered), asked through the
 * API's own GraphQL as the person who opens the page: the same row rules, field rules, masks and audit.
 */
const FIRST_PAGE = `query PeopleFirstScreen {
  people(first: 25, orderBy: REGISTERED, orderDirection: ASC) { edges { node { id fullName gender birthYear phone } } }
  peopleCount
}`;

interface Row {
  id: string;
  fullName: string | null;
  gender: string | null;
  birthYear: number | null;
  phone: string | null;
}

/**
 * Draws the people list's first screen on the server (see core's FirstScreens): on a slow phone network the
 * person sees their list, and can open a person, before the app's code has arrived; the app then takes the
 * page over (apps/web first-screen.ts). Only for someone whose page cookie names a live session, and only when
 * the API answers them the list without an error: anything else leaves the page to the app.
 */
@Injectable()
export class PeopleFirstScreen implements OnModuleInit {
  constructor(
    private readonly screens: FirstScreens,
    private readonly sessions: PageSessions,
    private readonly queries: InternalQueries,
  ) {}

  onModuleInit(): void {
    this.screens.add('/people', (req) => this.draw(req));
  }

  async draw(req: Request): Promise<FirstScreen | null> {
    if (Object.keys(req.query ?? {}).length > 0) return null; // a list the app opens otherwise (a link with a search)
    const actor = await this.sessions.viewer(req);
    // The roles the app shows the people list to (apps/web route-access.ts): to anyone else it shows another page.
    if (!actor?.acting || !CONSENT_RECEIVERS.includes(actor.acting.role)) return null;
    const answer = await this.queries.run(actor, `first-screen-${newId()}`, FIRST_PAGE);
    if (answer.errors.length > 0 || !answer.data) return null;
    const people = answer.data.people as { edges: { node: Row }[] };
    const count = answer.data.peopleCount as number;
    const language = languageOf(req);
    return { language, title: `${FIRST_SCREEN_WORDS[language].title} · ${FIRST_SCREEN_WORDS[language].appName}`, html: render(language, people.edges.map((e) => e.node), count) };
  }
}

function languageOf(req: Request): FirstScreenLanguage {
  const chosen: unknown = (req.cookies as Record<string, unknown> | undefined)?.[LANGUAGE_COOKIE];
  const preferred = typeof chosen === 'string' && chosen ? chosen : req.acceptsLanguages()[0];
  if (!preferred || preferred === '*') return 'zh-CN';
  return preferred.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * The list as the app shows it on a phone (a card per person: name, then gender · birth year · phone), inside
 * the app's frame as index.html draws it. Every value is escaped; a withheld one reads as the app says it.
 */
function render(language: FirstScreenLanguage, rows: Row[], count: number): string {
  const words = FIRST_SCREEN_WORDS[language];
  const text = (value: string | number | null) => (value === null ? `<span class="zl-first-withheld">${escapeHtml(words.withheld)}</span>` : escapeHtml(String(value)));
  const cards = rows.map((row) => {
    const gender = row.gender ? escapeHtml(words.gender[row.gender] ?? row.gender) : text(null);
    return `<li class="zl-first-card"><a href="/people/${escapeHtml(row.id)}" data-testid="first-person-${escapeHtml(row.id)}">${text(row.fullName)}</a>`
      + `<span class="zl-first-meta">${gender} · ${text(row.birthYear)} · ${text(row.phone)}</span></li>`;
  }).join('');
  return `<div id="zl-first" class="zl-boot" data-first-screen="/people">`
    + `<div class="zl-boot-header"><span class="zl-boot-name">${escapeHtml(words.appName)}</span></div>`
    + `<div class="zl-boot-body"><div class="zl-boot-side"></div><main class="zl-boot-main">`
    + `<h1 class="zl-first-title">${escapeHtml(words.title)}</h1>`
    + `<p class="zl-first-count">${escapeHtml(words.count.replace('{{count}}', String(count)))}</p>`
    + `<ul class="zl-first-list">${cards}</ul>`
    + `<p class="zl-first-loading" role="status">${escapeHtml(words.loading)}</p>`
    + `</main></div><div class="zl-boot-bar"></div></div>`;
}
