import { caseMoveKey, caseMoves } from '../src/pages/cases/case-moves';

describe('caseMoves: the status buttons a case offers', () => {
  it('offers from an open case to start, hold or close it', () => {
    expect(caseMoves('OPEN', false)).toEqual(['IN_PROGRESS', 'ON_HOLD', 'CLOSED']);
  });

  it('moves between work and pause, and closes from either', () => {
    expect(caseMoves('IN_PROGRESS', false)).toEqual(['ON_HOLD', 'CLOSED']);
    expect(caseMoves('ON_HOLD', false)).toEqual(['IN_PROGRESS', 'CLOSED']);
  });

  it('offers reopening a closed case to the holder’s coordinator only', () => {
    expect(caseMoves('CLOSED', true)).toEqual(['OPEN']);
    expect(caseMoves('CLOSED', false)).toEqual([]);
  });

  it('calls going back to work after a pause "resume"', () => {
    expect(caseMoveKey('ON_HOLD', 'IN_PROGRESS')).toBe('resume');
    expect(caseMoveKey('OPEN', 'IN_PROGRESS')).toBe('IN_PROGRESS');
  });
});
