import { rowsOfSignalFile, SignalFileError } from '../src/pages/insights/signal-file';

describe('rowsOfSignalFile: a department’s CSV as people send it', () => {
  it('finds the columns by their Chinese or English names, in any order, with a byte-order mark and Windows line ends', () => {
    const text = '\uFEFF结算日期,姓名,自付金额,公民身份号码\r\n2026-03-01,张三,"12,345.60",110105194802010011\r\n\r\n2026/4/2,李四,800,11010519500101600X\r\n';
    expect(rowsOfSignalFile(text, true)).toEqual([
      { line: 2, idNumber: '110105194802010011', date: '2026-03-01', amountYuan: '12,345.60' },
      { line: 3, idNumber: '11010519500101600X', date: '2026/4/2', amountYuan: '800' },
    ]);
    expect(rowsOfSignalFile('id_number,date\n110105194802010011,2026-01-01', false)).toEqual([{ line: 2, idNumber: '110105194802010011', date: '2026-01-01' }]);
  });

  it('says what is wrong with a file before anything is sent', () => {
    const problem = (text: string, needsAmount = true) => {
      try {
        rowsOfSignalFile(text, needsAmount);
        return null;
      } catch (e) {
        return (e as SignalFileError).problem;
      }
    };
    expect(problem('姓名,日期,金额\n张三,2026-01-01,1')).toBe('NO_ID_COLUMN');
    expect(problem('身份证号,金额\n1,1')).toBe('NO_DATE_COLUMN');
    expect(problem('身份证号,日期\n1,2026-01-01')).toBe('NO_AMOUNT_COLUMN');
    expect(problem('身份证号,日期\n1,2026-01-01', false)).toBeNull();
    expect(problem('身份证号,日期,金额\n')).toBe('NO_ROWS');
    expect(problem('')).toBe('NO_ROWS');
    expect(problem('身份证号,日期,金额\n"unterminated,2026-01-01,1')).toBe('NOT_CSV');
  });
});
