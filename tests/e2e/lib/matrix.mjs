// Helpers for driving the ownership matrix like a user.

export async function addRole(page, name) {
  await page.getByRole('button', { name: '+ Role' }).click();
  const input = page.locator('.col-header input.name-input');
  await input.fill(name);
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
}

export async function addElement(page, name, kind) {
  await page.getByRole('button', { name: '+ Element' }).click();
  const input = page.locator('.row-header input.name-input');
  await input.fill(name);
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
  if (kind) await page.getByLabel(`Kind of ${name}`).selectOption(kind);
}

/// Renames the open model from the Models page (the page must be open).
export async function renameOpenModel(page, name) {
  const input = page.getByTestId('model-row').filter({ hasText: 'Open now' }).getByRole('textbox');
  await input.fill(name);
  await input.press('Enter');
  await page.getByTestId('model-name').filter({ hasText: name }).waitFor();
}

export async function roleNames(page) {
  return page.locator('.grid-head .col-header .name-button').allInnerTexts();
}

export async function elementNames(page) {
  return page.locator('.grid-body .row-header .name-button').allInnerTexts();
}

/// The letters of the grid, row by row ('' for an empty cell).
export async function gridLetters(page) {
  return page.locator('#ownership-grid .grid-body [role=row][data-row]').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('.cell')].map((c) => c.textContent.trim())),
  );
}

export async function activeCellText(page) {
  return page.evaluate(() => (document.activeElement?.classList.contains('cell') ? document.activeElement.textContent.trim() : null));
}
