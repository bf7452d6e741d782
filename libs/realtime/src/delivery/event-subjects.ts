import { FactoryProvider, Injectable } from '@nestjs/common';

/**
 * How a record an event is about is read for a recipient: a GraphQL query of the lib that owns the
 * record, taking `$id`, whose result under `root` becomes the event's `data`. Running the query itself
 * is what makes an event's payload pass exactly the rules, masks and audit that the same read by that
 * recipient passes through the API.
 */
export interface EventSubject {
  /** The protected GraphQL type, as events name it (`subjectType`). */
  type: string;
  /** e.g. `query RealtimeReferral($id: ID!) { referral(id: $id) { id status … } }` */
  document: string;
  /** The query's root field. */
  root: string;
}

/** The event subjects the domain libs declare (`provideEventSubject`): one per type, a second one fails start-up. */
@Injectable()
export class EventSubjects {
  private readonly subjects = new Map<string, EventSubject>();

  declare(subject: EventSubject): void {
    if (this.subjects.has(subject.type)) throw new Error(`Event subject ${subject.type} is declared twice`);
    this.subjects.set(subject.type, subject);
  }

  of(type: string): EventSubject | undefined {
    return this.subjects.get(type);
  }
}

/** Declares, in the module that owns a record type, how events about it are read for their recipients. */
export function provideEventSubject(subject: EventSubject): FactoryProvider<EventSubject> {
  return {
    provide: `EventSubject:${subject.type}`,
    inject: [EventSubjects],
    useFactory: (subjects: EventSubjects) => {
      subjects.declare(subject);
      return subject;
    },
  };
}
