import { cleanFileName, detectAttachmentType } from './file-type';

describe('attachment file types', () => {
  const bytes = (...values: number[]) => Uint8Array.from([...values, 0, 0, 0]);

  it('knows PDF, PNG and JPEG by their first bytes', () => {
    expect(detectAttachmentType(Buffer.from('%PDF-1.4\n%âãÏÓ'))?.contentType).toBe('application/pdf');
    expect(detectAttachmentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))?.contentType).toBe('image/png');
    expect(detectAttachmentType(bytes(0xff, 0xd8, 0xff, 0xe0))?.contentType).toBe('image/jpeg');
  });

  it('refuses anything else, whatever it is called: HTML, SVG, a script, a truncated header', () => {
    expect(detectAttachmentType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(detectAttachmentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectAttachmentType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(detectAttachmentType(Buffer.from('%PDF'))).toBeNull();
    expect(detectAttachmentType(new Uint8Array())).toBeNull();
  });

  it('keeps a file name without its path or control characters, and not longer than 200 characters', () => {
    expect(cleanFileName('C:\\Users\\me\\知情同意书.pdf')).toBe('知情同意书.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u202egpj.exe')).toBe('agpj.exe');
    expect(cleanFileName('  ')).toBeNull();
    expect(cleanFileName('..')).toBeNull();
    const long = cleanFileName(`${'长'.repeat(300)}.pdf`)!;
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
