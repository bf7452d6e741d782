import { Injectable } from '@nestjs/common';
import type { Request } from 'express';

/** A page's first screen as the server drew it for the person who asked: markup to show until the app takes over. */
export interface FirstScreen {
  /** The markup, already escaped; index.html carries it in front of the app's own root. */
  html: string;
  /** The language it is written in (the page's `lang`). */
  language: 'zh-CN' | 'en';
  /** The page's title, as the app will name it. */
  title: string;
}

/** Draws a page's first screen for a request, or null when it should not (no session, a role that does not see the page, any doubt). */
export type FirstScreenRenderer = (req: Request) => Promise<FirstScreen | null>;

/**
 * The pages whose first screen the server draws (see web-app.ts): on a slow phone network the app's code
 * takes seconds to arrive, and a person who opens a list should see it, and be able to open a row, before
 * then. Each page is registered once, by the module that knows how to draw it; a second registration of the
 * same page is a mistake and fails start-up.
 */
@Injectable()
export class FirstScreens {
  private readonly pages = new Map<string, FirstScreenRenderer>();

  add(path: string, render: FirstScreenRenderer): void {
    if (this.pages.has(path)) throw new Error(`The first screen of ${path} is registered twice.`);
    this.pages.set(path, render);
  }

  find(path: string): FirstScreenRenderer | undefined {
    return this.pages.get(path);
  }
}
