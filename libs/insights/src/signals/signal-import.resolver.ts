import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionType, CurrentActor, PageArgs, ParseIdPipe } from '@zhulian/core';
import { AddSignalRowsInput, StartSignalImportInput } from '../dto/signal.inputs';
import { SignalBatchResult, SignalImport, SignalImportStart } from './signal-import.type';
import { SignalImportService } from './signal-import.service';

export const SignalImportConnection = ConnectionType(SignalImport);

@Resolver(() => SignalImport)
export class SignalImportResolver {
  constructor(private readonly service: SignalImportService) {}

  @Query(() => SignalImportConnection, { description: 'A civil-affairs office’s coordinators: the signal files the office imported, newest first.' })
  signalImports(@CurrentActor() actor: Actor, @Args() args: PageArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => SignalImport, { description: 'One of your office’s signal imports, with its progress.' })
  signalImport(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.service.get(actor, id);
  }

  @Mutation(() => SignalImportStart, { description: 'A civil-affairs office’s coordinators: start importing another department’s file (the same file again imports nothing).' })
  startSignalImport(@CurrentActor() actor: Actor, @Args('input') input: StartSignalImportInput) {
    return this.service.start(actor, input);
  }

  @Mutation(() => SignalBatchResult, { description: 'Send a batch of the file’s rows (in order; a batch sent twice counts once).' })
  addSignalRows(@CurrentActor() actor: Actor, @Args('input') input: AddSignalRowsInput) {
    return this.service.addRows(actor, input);
  }

  @Mutation(() => SignalImport, { description: 'Finish an import once every row has been sent: its counts are then shown (when none is below 5).' })
  finishSignalImport(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.service.finish(actor, id);
  }
}
