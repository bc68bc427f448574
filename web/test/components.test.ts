// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/preact';
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { Keypad } from '../src/components/keypad.tsx';
import { OutboxStatus } from '../src/components/outbox-status.tsx';
import { setLang } from '../src/i18n/index.ts';
import { formatDate, formatDateTime, formatKg, parseDecimal } from '../src/lib/format.ts';
import { attention, pending, sameForm, screenOf, type Write } from '../src/lib/outbox.ts';
import { session } from '../src/lib/session.ts';

afterEach(() => {
  pending.value = 0;
  attention.value = [];
  setLang('fi');
});

describe('the outbox status line', () => {
  it('says how many saves wait, in Finnish singular and plural', () => {
    session.value = { token: 't', expiresAt: '2999-01-01T00:00:00Z', user: { id: 'u', email: 'e', name: 'n', role: 'warehouse' } };
    pending.value = 1;
    const { rerender } = render(h(OutboxStatus, { screen: '' }));
    expect(screen.getByRole('status').textContent).toBe('1 tallennus odottaa yhteyttä');
    pending.value = 3;
    rerender(h(OutboxStatus, { screen: '' }));
    expect(screen.getByRole('status').textContent).toBe('3 tallennusta odottaa yhteyttä');
  });

  it('is silent when nothing waits, and lists a refused write with the server\'s message, a fix and a drop', () => {
    attention.value = [{
      key: 'k', seq: 1, userId: 'u', method: 'POST', path: '/intakes', body: {}, kind: 'intake', label: 'Vastaanotto: Lidl 12 kg',
      createdAt: '', state: 'attention', problem: { status: 422, code: 'use_by_past', detail: 'rivi 1: viimeinen käyttöpäivä 29.11.2026 on mennyt' },
    }];
    render(h(OutboxStatus, { screen: '' }));
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Tarvitsee huomiota' })).toBeTruthy();
    expect(screen.getByText('rivi 1: viimeinen käyttöpäivä 29.11.2026 on mennyt')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Muokkaa ja lähetä uudelleen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Poista tallennus' })).toBeTruthy();
  });

  it('shows on a screen only the writes that screen made (an older app\'s kind by its screen now)', () => {
    const refused = (key: string, kind: string, label: string) => ({
      key, seq: 1, userId: 'u', method: 'POST' as const, path: '/x', body: {}, kind, label, createdAt: '', state: 'attention' as const,
      problem: { status: 422, code: 'x', detail: 'ei' },
    });
    attention.value = [refused('a', 'reserve', 'Varaus'), refused('b', 'distribution', 'Jakokerta')];
    const { rerender } = render(h(OutboxStatus, { screen: 'reservations' }));
    expect(screen.queryByRole('heading', { name: 'Tarvitsee huomiota' })).toBeNull();
    rerender(h(OutboxStatus, { screen: 'households' }));
    expect(screen.getByText('Jakokerta')).toBeTruthy();
    expect(screen.queryByText('Varaus')).toBeNull();
    rerender(h(OutboxStatus, { screen: '' }));
    expect(screen.getByText('Varaus')).toBeTruthy();
    expect(screen.getByText('Jakokerta')).toBeTruthy();
  });

  it('speaks English after the switch and sets <html lang>', () => {
    setLang('en');
    pending.value = 2;
    render(h(OutboxStatus, { screen: '' }));
    expect(screen.getByRole('status').textContent).toBe('2 saves waiting for a connection');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('kassi.lang')).toBe('en');
  });
});

describe('which refused save a later answer replaces', () => {
  const w = (x: Partial<Write>): Write => ({
    key: 'k', seq: 1, userId: 'u', method: 'POST', path: '/reservations', body: {}, kind: 'reserve', label: '', createdAt: '', state: 'attention', ...x,
  });
  it('is the same form about the same thing, of the same user', () => {
    expect(sameForm(w({ subject: '2026-12-15 food ' }), w({ key: 'l', subject: '2026-12-15 food ' }))).toBe(true);
    expect(sameForm(w({ subject: '2026-12-15 food ' }), w({ subject: '2026-12-22 food ' }))).toBe(false);
    expect(sameForm(w({}), w({ userId: 'v' }))).toBe(false);
    expect(sameForm(w({ path: '/me', method: 'PATCH', kind: 'me', form: 'details' }), w({ path: '/me', method: 'PATCH', kind: 'me', form: 'language' }))).toBe(false);
    // A write an older app stored under its old kind is the same screen's.
    expect(sameForm(w({ kind: 'distribution', path: '/sites/p/distributions' }), w({ kind: 'households', path: '/sites/p/distributions' }))).toBe(true);
  });
  it('reopens on the screen that made it', () => {
    expect(screenOf('distribution')).toBe('households');
    expect(screenOf('attendance')).toBe('shift-plan');
    expect(screenOf('reserve')).toBe('reserve');
  });
});

describe('the keypad', () => {
  function Field() {
    const [v, setV] = useState('');
    return h('div', {}, h('output', {}, v), h(Keypad, { value: v, onChange: setV }));
  }
  it('types a weight with a decimal comma, once, and erases', () => {
    render(h(Field, {}));
    for (const k of ['1', '2', ',', ',', '5']) fireEvent.click(screen.getByRole('button', { name: k }));
    expect(document.querySelector('output')!.textContent).toBe('12,5');
    fireEvent.click(screen.getByRole('button', { name: 'Pyyhi' }));
    expect(document.querySelector('output')!.textContent).toBe('12,');
  });
});

describe('Finnish formats', () => {
  it('writes dates, times and kilograms the Finnish way', () => {
    expect(formatDate('2026-12-01')).toBe('1.12.2026');
    expect(formatDateTime(new Date('2026-12-01T06:30:00Z'))).toBe('1.12.2026 klo 8.30');
    expect(formatKg(12.5)).toBe('12,5 kg');
    expect(parseDecimal('12,5')).toBe(12.5);
    expect(parseDecimal('12,5,')).toBeNaN();
  });
});
