/**
 * @jest-environment jsdom
 */
// The admin console's settings form: only changed values are sent (numbers as numbers), and the service's refusal
// (`NAME: why; …`) is shown under the field it names.
import { jest } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Setting } from '../../../src/shared/admin-api.js';
import { refusalsOf, SettingsForm } from '../../../src/admin/components/SettingsForm.js';

const setting = (name: string, value: Setting['value']): Setting => ({ name, value, effect: 'session', environment: null, environmentDiffers: false });
const SETTINGS = [setting('CONFLICT_WINNER', 'outlook'), setting('DELETE_GUARD_LIMIT', 25), setting('SYNC_PRIVATE_RECURRING', false)];

describe('refusalsOf', () => {
  it("splits the service's 400 message into a reason per named setting", () => {
    const refusals = refusalsOf('DELETE_GUARD_LIMIT: must be at least 0; CONFLICT_WINNER: must be outlook or crm', SETTINGS.map((s) => s.name));
    expect(Object.fromEntries(refusals)).toEqual({ DELETE_GUARD_LIMIT: 'must be at least 0', CONFLICT_WINNER: 'must be outlook or crm' });
    expect(Object.fromEntries(refusalsOf('Sign in first.', ['X']))).toEqual({ '': 'Sign in first.' });
  });
});

describe('SettingsForm', () => {
  it('sends only what changed, a whole number as a number and a box as true/false', () => {
    const onSave = jest.fn();
    render(
      <FluentProvider theme={webLightTheme}>
        <SettingsForm settings={SETTINGS} errors={new Map()} saving={false} onSave={onSave} />
      </FluentProvider>,
    );
    const save = screen.getByRole('button', { name: 'Save changes' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByRole('textbox', { name: 'DELETE_GUARD_LIMIT' }), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'SYNC_PRIVATE_RECURRING' }));
    fireEvent.click(save);
    expect(onSave).toHaveBeenCalledWith({ DELETE_GUARD_LIMIT: 5, SYNC_PRIVATE_RECURRING: true });
  });

  it("shows a refusal under the setting's field", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <SettingsForm settings={SETTINGS} errors={new Map([['DELETE_GUARD_LIMIT', 'must be at least 0']])} saving={false} onSave={() => undefined} />
      </FluentProvider>,
    );
    const field = screen.getByRole('textbox', { name: 'DELETE_GUARD_LIMIT' });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('must be at least 0')).toBeTruthy();
  });
});
