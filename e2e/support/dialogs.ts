import { expect, type Locator } from '@playwright/test';

/**
 * Waits until an opened Material dialog has taken its initial focus. The dialog moves focus to
 * its first field only when its opening animation ends (a timer that a busy machine runs late);
 * text typed before that can land in the field it then focuses.
 */
export async function dialogSettled(dialog: Locator): Promise<void> {
  await expect
    .poll(() => dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement)), {
      message: 'the dialog takes the focus',
    })
    .toBe(true);
}
