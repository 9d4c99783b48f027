import { expect, test, type Page } from '@playwright/test';
import { ActionDetailPage } from '../pages/action-detail.page';
import { localePath, type Locale } from '../pages/locale';
import { apiAs, archiveActionAs, createActionAs } from '../support/api';
import { dialogSettled } from '../support/dialogs';
import { signedInAs, watchConsole } from '../support/fixtures';
import { screenshotPage, VIEWPORTS } from '../support/screenshots';

test.describe('staff: a new partner from the action page', () => {
  signedInAs('staff');

  test('creates «Medellín Cómo Vamos» from the «Añadir socio» picker and links it in one step; the same name again offers the existing one', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    const stamp = Date.now().toString(36);
    const name = `Medellín Cómo Vamos ${stamp}`;
    const api = await apiAs('staff', baseURL);
    const action = await createActionAs(api, {
      code: `E2E-SOCIO-${stamp}`,
      kind: 'city_to_city',
      titleEs: `Cooperación Guadalajara–Medellín ${stamp}`,
      instituteRole: 'both',
    });
    try {
      const detail = new ActionDetailPage(page);
      await detail.goto(action.id);
      await detail.expectLoaded();
      await detail.openTab('partners');
      await page.getByTestId('add-participation').click();
      const dialogs = page.getByRole('dialog');
      await dialogSettled(dialogs.first());
      await dialogs.first().getByTestId('participation-organisation').fill(name);
      await expect(page.getByTestId('org-no-results')).toContainText(
        `Ninguna organización coincide con «${name}»`,
      );
      await page.getByRole('option', { name: `Crear «${name}»…` }).click();

      // The new-partner form opens over it with the typed name.
      const form = dialogs.last();
      await expect(form.getByRole('heading', { name: 'Nuevo socio' })).toBeVisible();
      await expect(form.getByTestId('organisation-name')).toHaveValue(name);
      await form.getByTestId('organisation-type').click();
      await page.getByRole('option', { name: 'ONG o fundación', exact: true }).click();
      await form.getByTestId('organisation-save').click();
      await expect(dialogs).toHaveCount(1);

      // Back in «Añadir socio» with the new organisation picked: choose the role and save.
      const add = dialogs.first();
      await expect(add.getByTestId('participation-organisation')).toHaveValue(name);
      await add.getByTestId('participation-role').click();
      await page.getByRole('option', { name: 'Contraparte', exact: true }).click();
      await add.getByTestId('dialog-save').click();
      await expect(dialogs).toHaveCount(0);
      const partners = page.getByRole('tabpanel');
      await expect(partners.getByRole('row').filter({ hasText: name })).toContainText(
        'Contraparte',
      );
      await expect(page).toHaveURL(new RegExp(`/acciones/${action.id}`));

      // The same name without accents, in capitals: the existing one is offered, not a twin.
      await page.getByTestId('add-participation').click();
      await dialogSettled(dialogs.first());
      const shouted = `MEDELLIN COMO VAMOS ${stamp.toUpperCase()}`;
      await dialogs.first().getByTestId('participation-organisation').fill(`${shouted} `);
      await page.getByRole('option', { name: `Crear «${shouted}»…` }).click();
      await dialogs.last().getByTestId('organisation-type').click();
      await page.getByRole('option', { name: 'Otro', exact: true }).click();
      await dialogs.last().getByTestId('organisation-save').click();
      await expect(dialogs.last().getByTestId('organisation-duplicate')).toContainText(
        `Ya existe «${name}»`,
      );
      await screenshotPage(page, 'es-socio-duplicado-staff');
      await dialogs.last().getByTestId('organisation-use-existing').click();
      await expect(dialogs).toHaveCount(1);
      await expect(dialogs.first().getByTestId('participation-organisation')).toHaveValue(name);
      await page.keyboard.press('Escape');
      // The 409 that found the duplicate is the expected answer, not an error of the app.
      const unexpected = consoleErrors.errors.filter(
        (e) => !/status of 409 .*\/api\/v1\/organisations\)$/.test(e),
      );
      expect(unexpected).toEqual([]);
    } finally {
      await archiveActionAs(api, action.id);
      await api.dispose();
    }
  });

  test('«Nuevo socio» on the partners page opens the new partner’s page', async ({ page }) => {
    const stamp = Date.now().toString(36);
    await page.goto('/socios');
    await page.getByTestId('partner-new').click();
    const dialog = page.getByRole('dialog');
    await dialogSettled(dialog);
    await dialog.getByTestId('organisation-name').fill(`Fundación Prueba ${stamp}`);
    await dialog.getByTestId('organisation-acronym').fill('FP');
    await dialog.getByTestId('organisation-type').click();
    await page.getByRole('option', { name: 'ONG o fundación', exact: true }).click();
    await dialog.getByTestId('organisation-save').click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/socios\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      `Fundación Prueba ${stamp}`,
    );
  });
});

test.describe('admin: themes are a managed list', () => {
  signedInAs('admin');

  test('adds and renames a theme in Administración › Temas; a second spelling is refused; the action form picks «cambio climático» from the list', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    const stamp = Date.now().toString(36);
    await page.goto('/admin/temas');
    await expect(page.getByRole('heading', { level: 1, name: 'Temas' })).toBeVisible();
    const table = page.getByTestId('themes-table');
    await expect(table.getByRole('row').filter({ hasText: 'Cambio climático' })).toContainText(
      'Climate change',
    );

    // A second spelling of an existing theme is refused with the existing one named.
    await page.getByTestId('add-theme').click();
    const dialog = page.getByRole('dialog');
    await dialogSettled(dialog);
    await dialog.getByTestId('theme-label-es').fill('CAMBIO CLIMATICO');
    await dialog.getByTestId('theme-label-en').fill('Weather');
    await dialog.getByTestId('theme-save').click();
    await expect(dialog.getByTestId('theme-error')).toContainText(
      'Ya existe el tema «Cambio climático»',
    );
    await screenshotPage(page, 'es-tema-duplicado-admin');

    // A new one.
    await dialog.getByTestId('theme-label-es').fill(`Economía circular ${stamp}`);
    await dialog.getByTestId('theme-label-en').fill(`Circular economy ${stamp}`);
    await dialog.getByTestId('theme-save').click();
    await expect(dialog).toBeHidden();
    const row = table.getByRole('row').filter({ hasText: `Economía circular ${stamp}` });
    await expect(row).toContainText(`economia-circular-${stamp}`);

    // Renamed: the code stays.
    await page.getByTestId(`rename-theme-economia-circular-${stamp}`).click();
    await dialogSettled(dialog);
    await dialog.getByTestId('theme-label-es').fill(`Economía circular y residuos ${stamp}`);
    await dialog.getByTestId('theme-save').click();
    await expect(dialog).toBeHidden();
    await expect(
      table.getByRole('row').filter({ hasText: `Economía circular y residuos ${stamp}` }),
    ).toContainText(`economia-circular-${stamp}`);
    await screenshotPage(page, 'es-temas-admin');

    // The action form: typing the name in any case or accents picks the existing theme.
    await page.goto('/acciones/nueva');
    const field = page.getByTestId('field-themes');
    await field.fill('cambio climatico');
    await expect(page.getByTestId('theme-option-cambio-climatico')).toBeVisible();
    await field.press('Enter');
    await expect(page.getByTestId('theme-chip-cambio-climatico')).toContainText('Cambio climático');
    await field.fill('tema inexistente');
    await expect(page.getByTestId('theme-no-results')).toContainText(
      'Ningún tema coincide con «tema inexistente»',
    );
    await field.press('Enter');
    await expect(page.getByTestId('theme-unknown')).toContainText('«tema inexistente»');
    await expect(page.locator('[data-testid^="theme-chip-"]')).toHaveCount(1);
    await screenshotPage(page, 'es-accion-temas-admin');
    // The duplicate 409 is the expected answer.
    expect(
      consoleErrors.errors.filter((e) => !/status of 409 .*\/api\/v1\/themes\)$/.test(e)),
    ).toEqual([]);
  });
});

/** Material's and the app's English words that must never show in the Spanish build. */
const ENGLISH_IN_SPANISH = [
  /Items per page/,
  /Next page/,
  /Previous page/,
  /First page/,
  /Last page/,
  /\b\d+ – \d+ of \d+/,
  /\b0 of \d+/,
  /\bSort\b/,
  /\bLoading\b/,
  /\bCancel\b/,
  /\bSave\b/,
  /\bSearch\b/,
];
/** Spanish words that must not show in the English build, for labels that have translations. */
const SPANISH_IN_ENGLISH = [
  /Elementos por página/,
  /\b\d+ – \d+ de \d+/,
  /Página siguiente/,
  /Cancelar/,
  /Guardar/,
];

/** The pages walked per role: staff's main pages, and the admin screens (themes included). */
const PAGES_BY_ROLE = {
  staff: ['/tablero', '/acciones', '/socios', '/junta', '/importar'],
  admin: ['/admin/usuarios', '/admin/temas', '/admin/tipos-de-cambio', '/admin/avance'],
} as const;

/** The text a person sees or hears: visible text plus aria-labels and titles. */
async function uiText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = Array.from(document.querySelectorAll('[aria-label], [title], [placeholder]')).map(
      (el) => ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? '').join(' '),
    );
    return `${document.body.innerText}\n${attrs.join('\n')}`;
  });
}

for (const locale of ['es', 'en'] as Locale[]) {
  for (const role of ['staff', 'admin'] as const) {
    test.describe(`the ${locale} build speaks one language (${role})`, () => {
      signedInAs(role);

      test(`${role} pages at 1440 and 390 px have no ${locale === 'es' ? 'English' : 'Spanish'} UI strings`, async ({
        page,
      }) => {
        test.setTimeout(120_000);
        const forbidden = locale === 'es' ? ENGLISH_IN_SPANISH : SPANISH_IN_ENGLISH;
        const found: string[] = [];
        for (const path of PAGES_BY_ROLE[role]) {
          await page.goto(localePath(locale, path));
          await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
          await page.waitForLoadState('networkidle');
          for (const viewport of VIEWPORTS) {
            await page.setViewportSize({ width: viewport.width, height: viewport.height });
            const text = await uiText(page);
            for (const re of forbidden) {
              const m = re.exec(text);
              if (m) found.push(`${path} @${viewport.width}px: «${m[0]}»`);
            }
          }
          await screenshotPage(page, `${locale}-everyday${path.replace(/\//g, '-')}-${role}`);
        }
        expect(found).toEqual([]);
      });
    });
  }
}
