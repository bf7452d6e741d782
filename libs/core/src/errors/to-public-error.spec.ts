import { BadRequestException, NotFoundException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { badInput, conflict } from './app-error';
import { toPublicError } from './to-public-error';

describe('toPublicError', () => {
  it('passes a domain error through with its reason and field', () => {
    expect(toPublicError(conflict('LAST_ORG_ADMIN', 'Make someone else an admin first.'))).toMatchObject({
      code: 'CONFLICT', reason: 'LAST_ORG_ADMIN', message: 'Make someone else an admin first.', expected: true,
    });
  });

  it('unwraps a GraphQL error around a domain error', () => {
    const wrapped = new GraphQLError('x', { originalError: badInput('INVALID_ID', 'This id is not valid.', 'id') });
    expect(toPublicError(wrapped)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID', field: 'id' });
  });

  it('names the query limit that was hit', () => {
    expect(toPublicError(new GraphQLError('Syntax Error: Query depth limit of 8 exceeded, found 9.')))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_DEEP', message: 'Query depth limit of 8 exceeded, found 9.' });
  });

  it('maps HTTP exceptions to public codes', () => {
    expect(toPublicError(new NotFoundException())).toMatchObject({ code: 'NOT_FOUND' });
    expect(toPublicError(new BadRequestException('nope'))).toMatchObject({ code: 'BAD_USER_INPUT', message: 'nope' });
  });

  it('hides anything else behind INTERNAL without its message', () => {
    const problem = toPublicError(new Error('relation "users" does not exist'));
    expect(problem).toMatchObject({ code: 'INTERNAL', expected: false });
    expect(problem.message).not.toContain('users');
  });
});
