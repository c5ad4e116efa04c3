// The Bitlens window in Chromium against the web host: what a person sees and does.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, dropFile, pasteText, screenshot, hostAndBrowser } from './harness.js';

const MEDIA = readdirSync(FIXTURES).filter((f) => /\.(mp4|mov|flv|aac|ac3|h264|hevc|ts|ismv|isma)$/.test(f)).sort();
const BASELINE = 'avc-baseline-aac.mp4';

/** Offset and value of level_idc in the first SPS of the avcC (profile_idc, constraint flags, then level_idc). */
function levelIdcOf(bytes: Buffer): { offset: number; value: number } {
  const avcC = bytes.indexOf('avcC');
  // avcC payload: version, profile, compatibility, level, lengthSizeMinusOne, numOfSPS, spsLength(2), then the SPS NAL.
  const sps = avcC + 4 + 8;
  return { offset: sps + 3, value: bytes[sps + 3]! };
}

const tree = (page: Page) => page.getByRole('listbox', { name: 'Structure tree' });
const treeRow = (page: Page, text: string) => tree(page).getByRole('option').filter({ hasText: text });
const details = (page: Page) => page.getByTestId('field-details');
const hexCell = (page: Page, offset: number) => page.locator(`#hex-grid .cols [data-o="${offset}"]`);
const activeTab = (page: Page) => page.getByRole('tablist', { name: 'Open documents' }).getByRole('tab', { selected: true });

/** Waits until the active document is parsed (its tab stops spinning and the tree has rows). */
async function parsed(page: Page, name: string): Promise<void> {
  await expect.poll(() => activeTab(page).textContent(), { timeout: 10_000 }).toContain(name);
  await page.getByLabel('Parsing').waitFor({ state: 'detached', timeout: 20_000 });
  await tree(page).getByRole('option').first().waitFor();
}

describe('the Bitlens window', () => {
  const pages = hostAndBrowser();

  it('first screen: a drop zone, the sample files, a sentence on what Bitlens shows', async () => {
    const { page, errors } = await pages.open();
    await expect.poll(() => page.getByRole('heading', { name: 'Sample files' }).count()).toBe(1);
    expect(await page.getByTestId('drop-zone').textContent()).toContain('Drop files anywhere');
    expect(await page.locator('.intro p').textContent()).toContain('down to the bit');
    await screenshot(page, 'welcome');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'welcome-dark');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens every fixture through the file input and shows its structure', async () => {
    const { page, errors } = await pages.open();
    for (const name of MEDIA) {
      await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, name));
      await parsed(page, name);
      expect(await tree(page).getByRole('option').count(), name).toBeGreaterThan(1);
      // The bytes are on screen too.
      expect(await hexCell(page, 0).textContent(), name).toMatch(/^[0-9A-F]{2}$/);
    }
    // One tab per document, plus the Live tab that is always there.
    expect(await page.getByRole('tablist', { name: 'Open documents' }).getByRole('tab').count()).toBe(MEDIA.length + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens every fixture dropped on the window', async () => {
    const { page, errors } = await pages.open();
    for (const name of MEDIA) {
      await dropFile(page, name, readFileSync(join(FIXTURES, name)));
      await parsed(page, name);
      expect(await tree(page).getByRole('option').count(), name).toBeGreaterThan(1);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('choosing level_idc in the SPS highlights its byte and outlines its bits; clicking a byte selects its field', async () => {
    const bytes = readFileSync(join(FIXTURES, BASELINE));
    const level = levelIdcOf(bytes);
    const { page, errors } = await pages.open();
    await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, BASELINE));
    await parsed(page, BASELINE);
    expect(await treeRow(page, 'moov').count()).toBeGreaterThan(0);
    await screenshot(page, 'document');

    await page.getByLabel('Filter the structure').fill('level_idc');
    const row = tree(page).getByRole('option').filter({ has: page.locator('.fname', { hasText: /^level_idc$/ }) }).first();
    await row.click();
    expect(await details(page).locator('h2').textContent()).toBe('level_idc');
    expect(await details(page).getByTestId('field-value').textContent()).toBe(String(level.value));
    // Its one byte is selected in the hex view, and nothing else is.
    const selected = page.locator('#hex-grid .cols .b.sel');
    await expect.poll(() => selected.count()).toBe(1);
    expect(await selected.getAttribute('data-o')).toBe(String(level.offset));
    expect(await selected.textContent()).toBe(level.value.toString(16).toUpperCase().padStart(2, '0'));
    // The bit strip shows its eight bits.
    expect(await page.locator('.strip .bit.in').count()).toBe(8);
    await screenshot(page, 'field-level-idc');

    // A sub-byte field: constraint_set0_flag is one bit of the byte before level_idc.
    await page.getByLabel('Filter the structure').fill('constraint_set1_flag');
    await tree(page).getByRole('option').filter({ has: page.locator('.fname', { hasText: /^constraint_set1_flag$/ }) }).first().click();
    expect(await page.locator('.strip .bit.in').count()).toBe(1);
    expect(await page.locator('#hex-grid .cols .b.part').count()).toBe(1);
    await screenshot(page, 'field-one-bit');

    // Clicking a byte selects the deepest field holding it: offset 8 is ftyp's major_brand.
    await page.getByLabel('Filter the structure').fill('');
    await page.locator('#hex-grid').focus();
    await page.keyboard.press('Control+Home');
    await hexCell(page, 8).click();
    expect(await details(page).locator('h2').textContent()).toBe('major_brand');
    expect(await tree(page).locator('.row.selected .fname').textContent()).toBe('major_brand');
    // And clicking level_idc's byte goes back to level_idc.
    await page.getByRole('button', { name: /Go to/ }).click();
    await page.getByLabel('Go to offset').fill(String(level.offset));
    await page.keyboard.press('Enter');
    await hexCell(page, level.offset).click();
    expect(await details(page).locator('h2').textContent()).toBe('level_idc');

    // A byte of media data opens its sample into NAL units: the NAL header byte after the 4-byte length.
    const samples = page.getByRole('listbox', { name: 'Sample table' });
    await samples.getByRole('row').filter({ hasText: 'h264' }).first().click();
    const sampleOffset = parseInt((await samples.locator('.tr.selected .off').textContent())!.replace('0x', ''), 16);
    await expect.poll(() => treeRow(page, 'video sample').count()).toBeGreaterThan(0);
    await hexCell(page, sampleOffset + 4).click();
    await expect.poll(() => details(page).locator('h2').textContent()).toBe('forbidden_zero_bit');
    expect(await page.locator('.trail .crumb').first().textContent()).toMatch(/^sample \d+$/);
    expect(await page.locator('.trail .crumb').nth(1).textContent()).toMatch(/SEI|IDR|SPS|PPS|AUD/);
    await screenshot(page, 'sample-nal-units');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an MPEG-TS sample opens into its NAL units, gathered from its TS packets', async () => {
    const { page, errors } = await pages.open();
    await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'segment.ts'));
    await parsed(page, 'segment.ts');
    const samples = page.getByRole('listbox', { name: 'Sample table' });
    await samples.getByRole('row').filter({ hasText: 'h264' }).first().click();
    await expect.poll(() => treeRow(page, 'video sample').count()).toBeGreaterThan(0);
    // The opened sample lists its NAL units under it; its SPS row opens at its bytes.
    await treeRow(page, 'Sequence parameter set').first().click();
    await expect.poll(() => page.locator('.trail .crumb').first().textContent()).toMatch(/^sample \d+$/);
    expect(await page.locator('#hex-grid .cols .b.sel').count()).toBeGreaterThan(10);
    await screenshot(page, 'ts-sample-nal-units');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('samples, keyboard and status bar: a sample row selects its bytes; Ctrl+G, arrows and Ctrl+F move the cursor', async () => {
    const bytes = readFileSync(join(FIXTURES, BASELINE));
    const { page, errors } = await pages.open();
    await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, BASELINE));
    await parsed(page, BASELINE);
    const samples = page.getByRole('listbox', { name: 'Sample table' });
    await samples.getByRole('row').nth(1).click();
    const offsetText = await samples.locator('.tr.selected .off').textContent();
    const offset = parseInt(offsetText!.replace('0x', ''), 16);
    expect(await page.locator('.status').textContent()).toContain(`Offset 0x${offset.toString(16).toUpperCase()}`);
    expect(await page.locator('#hex-grid .cols .b.cur').getAttribute('data-o')).toBe(String(offset));

    await page.keyboard.press('Control+g');
    await page.getByLabel('Go to offset').fill('0x20');
    await page.keyboard.press('Enter');
    await page.locator('#hex-grid').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#hex-grid .cols .b.cur').getAttribute('data-o')).toBe(String(0x20 + 1 + 16));
    // u32 big-endian at the cursor, as the status bar reads it.
    const at = 0x31;
    expect(await page.getByTestId('int-readings').textContent()).toContain(String(bytes.readUInt32BE(at)));

    await page.keyboard.press('Control+f');
    await page.getByLabel('Find bytes').fill('"moov"');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#hex-grid .cols .b.sel').count()).toBe(4);
    expect(await page.locator('#hex-grid .cols .b.sel').first().getAttribute('data-o')).toBe(String(bytes.indexOf('moov')));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a damaged file shows its diagnostics and the rest of its structure', async () => {
    const bytes = readFileSync(join(FIXTURES, BASELINE));
    // Cut inside moov (at the end of this file): the sample tables are lost, ftyp and mdat are intact.
    const cut = bytes.subarray(0, bytes.indexOf('moov') + 600);
    const { page, errors } = await pages.open();
    await dropFile(page, 'truncated.mp4', cut);
    await parsed(page, 'truncated.mp4');
    for (const name of ['ftyp', 'mdat', 'moov']) expect(await treeRow(page, name).count(), name).toBeGreaterThan(0);
    const diagTab = page.getByRole('tab', { name: /Diagnostics/ });
    expect(Number((await diagTab.locator('.n').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    await diagTab.click();
    const list = page.getByRole('listbox', { name: 'Diagnostics list' });
    await list.getByRole('option').first().click();
    expect(await page.locator('.diag .code').textContent()).toMatch(/error|warning/);
    // The tree marks where the problem is.
    expect(await tree(page).locator('.badge').count()).toBeGreaterThan(0);
    await screenshot(page, 'damaged');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a file cut inside its media: the samples past the end are marked, and the diagnostics say the file was cut', async () => {
    const name = 'avc-high-bframes-faststart.mp4';
    const bytes = readFileSync(join(FIXTURES, name));
    const { page, errors } = await pages.open();
    await dropFile(page, 'cut-recording.mp4', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await parsed(page, 'cut-recording.mp4');
    const samples = page.getByRole('listbox', { name: 'Sample table' });
    await samples.getByRole('row').first().click();
    expect(await samples.locator('.tr.cut').count()).toBe(0);
    await page.keyboard.press('End');
    const cut = samples.locator('.tr.cut').last();
    await cut.waitFor();
    expect(await cut.getAttribute('title')).toMatch(/runs past the end of the file/);
    // The player plays what there is and says what it leaves out.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.getByTestId('player-notes').textContent(), { timeout: 10_000 }).toMatch(/samples past the end of the file: it was cut short/);
    await expect.poll(() => page.locator('video').evaluate((v) => (v as unknown as { currentTime: number }).currentTime), { timeout: 10_000 }).toBeGreaterThan(0.1);
    expect(await page.locator('[data-testid=player-message]').count()).toBe(0);
    await screenshot(page, 'cut-samples');
    await page.getByRole('tab', { name: /Diagnostics/ }).click();
    const list = page.getByRole('listbox', { name: 'Diagnostics list' });
    expect(await list.getByRole('option').filter({ hasText: 'samples-past-end-of-file' }).count()).toBe(2);
    expect(await page.locator('.diags .empty').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sample files open in one click through the host, the parse worker reading their range address itself', async () => {
    const { page, errors } = await pages.open();
    // Range requests at files/<fileId> (OpenedFile.rangeUrl): the worker's reads (the window's own go through the API).
    const ranges: { status: number; range: string | null }[] = [];
    page.on('response', (r) => {
      if (/\/files\/[0-9a-f]{32}$/.test(new URL(r.url()).pathname)) ranges.push({ status: r.status(), range: r.request().headers()['range'] ?? null });
    });
    const first = page.locator('.welcome .item').first();
    await first.waitFor();
    const name = (await first.locator('.name').textContent())!;
    await first.click();
    await parsed(page, name);
    expect(await tree(page).getByRole('option').count()).toBeGreaterThan(2);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((r) => r.status === 206 && /^bytes=\d+-\d+$/.test(r.range ?? ''))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when the range address cannot be read, the worker reads through the window instead', async () => {
    const { page } = await pages.open();
    let refused = 0;
    await page.route(/\/files\/[0-9a-f]{32}$/, (route) => (refused++, route.abort('connectionrefused')));
    const first = page.locator('.welcome .item').first();
    const name = (await first.locator('.name').textContent())!;
    await first.click();
    await parsed(page, name);
    expect(refused).toBeGreaterThan(0);
    expect(await tree(page).getByRole('option').count()).toBeGreaterThan(2);
    await page.close();
  });

  it('pasted bytes become a document', async () => {
    const { page, errors } = await pages.open();
    // An FLV AVC sequence header as people paste it (a C array): recognised, its SPS decoded down to level_idc.
    await pasteText(page, readFileSync(join(FIXTURES, 'snippets/flv-avc-sequence-header.txt'), 'utf8'));
    await parsed(page, 'pasted-46-bytes');
    expect(await page.locator('.summary').textContent()).toContain('flv-tag-body');
    await page.getByLabel('Filter the structure').fill('level_idc');
    await tree(page).getByRole('option').filter({ has: page.locator('.fname', { hasText: /^level_idc$/ }) }).first().click();
    // 0x1f at byte 16 of the paste: 5-byte tag body header, 8 bytes of avcC before the SPS, then 67 42 c0 1f.
    expect(await details(page).getByTestId('field-value').textContent()).toBe('31');
    expect(await page.locator('#hex-grid .cols .b.sel').getAttribute('data-o')).toBe('16');
    await screenshot(page, 'pasted-snippet');
    // The panel, for text typed by hand.
    await page.getByRole('button', { name: 'Paste bytes', exact: true }).click();
    await page.getByLabel('Pasted text').fill('00 00 00 10 66 74 79 70 69 73 6f 6d 00 00 02 00');
    expect(await page.locator('dialog .ok').textContent()).toContain('16 bytes');
    await screenshot(page, 'paste-panel');
    await page.getByRole('button', { name: 'Open as document' }).click();
    await parsed(page, 'pasted-16-bytes');
    expect(await treeRow(page, 'ftyp').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
