import { TestBed } from '@angular/core/testing';
import { RowActions } from './row-actions';

function render(inputs: Record<string, unknown>) {
  const fixture = TestBed.createComponent(RowActions);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  fixture.detectChanges();
  const buttons = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('button'));
  return { fixture, buttons };
}

describe('row actions', () => {
  it('name both buttons, carry their test ids and report which was pressed', () => {
    const { fixture, buttons } = render({
      editLabel: 'Editar USD 2025-01-03',
      deleteLabel: 'Eliminar USD 2025-01-03',
      editTestId: 'edit-rate-USD',
      deleteTestId: 'delete-rate-USD',
    });
    const pressed: string[] = [];
    fixture.componentInstance.edit.subscribe(() => pressed.push('edit'));
    fixture.componentInstance.remove.subscribe(() => pressed.push('remove'));
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Editar USD 2025-01-03',
      'Eliminar USD 2025-01-03',
    ]);
    expect(buttons.map((b) => b.dataset['testid'])).toEqual(['edit-rate-USD', 'delete-rate-USD']);
    buttons[1].click();
    buttons[0].click();
    expect(pressed).toEqual(['remove', 'edit']);
  });

  it('have no delete button without its name, and no test id unless given', () => {
    const { buttons } = render({ editLabel: 'Renombrar Movilidad' });
    expect(buttons).toHaveLength(1);
    expect(buttons[0].hasAttribute('data-testid')).toBe(false);
  });

  it('disable only the delete button while busy', () => {
    const { buttons } = render({
      editLabel: 'Editar',
      deleteLabel: 'Quitar',
      deleteDisabled: true,
    });
    expect(buttons.map((b) => b.disabled)).toEqual([false, true]);
  });
});
