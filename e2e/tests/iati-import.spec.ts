import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ImportsPage } from '../pages/imports.page';
import { signedInAs, watchConsole } from '../support/fixtures';
import { ARTIFACTS_DIR } from '../support/paths';

/** Two small donor activities; the second has an amount that is not a number. */
function donorFile(suffix: string): Buffer {
  const activity = (id: string, title: string, amount: string) => `
  <iati-activity xml:lang="en" default-currency="EUR">
    <iati-identifier>${id}</iati-identifier>
    <reporting-org ref="XM-E2E-DONOR" type="10"><narrative>E2E Donor</narrative></reporting-org>
    <title><narrative>${title}</narrative></title>
    <description><narrative>A small donor activity.</narrative></description>
    <participating-org ref="XM-E2E-DONOR" role="1" type="10"><narrative>E2E Donor</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2024-01-01"/>
    <sector vocabulary="1" code="21020"/>
    <transaction><transaction-type code="3"/><transaction-date iso-date="2024-02-01"/><value value-date="2024-02-01">${amount}</value></transaction>
  </iati-activity>`;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">${activity(`XM-E2E-GOOD-${suffix}`, 'Good activity', '1000')}${activity(`XM-E2E-BAD-${suffix}`, 'Bad activity', 'mil euros')}
</iati-activities>`);
}

test.describe('staff: importing a donor IATI file activity by activity', () => {
  signedInAs('staff');

  test('«Cada actividad»: the dry run lists each activity, the bad one is skipped with its XML path, the rest imports', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    const suffix = String(Date.now());
    const imports = new ImportsPage(page);
    await imports.goto();
    await imports.chooseKind('iati');
    await expect(page.getByTestId('import-atomicity-file').getByRole('radio')).toBeChecked();
    await imports.chooseAtomicity('activity');
    await imports.chooseFiles([
      { name: 'donor.xml', mimeType: 'application/xml', buffer: donorFile(suffix) },
    ]);
    await imports.dryRun.click();
    await expect(imports.plan).toBeVisible({ timeout: 30_000 });
    await expect(imports.activities).toHaveCount(2);
    await expect(imports.activities.nth(0)).toContainText(`XM-E2E-GOOD-${suffix}`);
    await expect(imports.activities.nth(0)).toHaveAttribute('data-skipped', 'false');
    await expect(imports.activities.nth(1)).toHaveAttribute('data-skipped', 'true');
    await expect(imports.activities.nth(1)).toContainText('Se omite');
    await expect(imports.skipped).toHaveCount(1);
    await expect(imports.skipped.first()).toContainText('iati-activity[2]/transaction[1]/value');
    await expect(imports.skipped.first()).toContainText('mil euros');
    await expect(imports.count('errors')).toHaveText('0');

    await imports.apply.click();
    await expect(imports.plan.getByText('Importación aplicada')).toBeVisible({ timeout: 30_000 });
    await expect(imports.skipped).toHaveCount(1);
    await expect(imports.skipped.first()).toContainText('iati-activity[2]');
    await expect(imports.activities.nth(0)).toContainText(`XM-E2E-GOOD-${suffix}`);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.getByTestId('import-activities').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'iati-import-by-activity.png') });

    const created = await page.request.get(`/api/v1/actions?q=XM-E2E-GOOD-${suffix}`);
    expect((await created.json()).total).toBe(1);
    const skipped = await page.request.get(`/api/v1/actions?q=XM-E2E-BAD-${suffix}`);
    expect((await skipped.json()).total).toBe(0);
    consoleErrors.assertNone();
  });
});
