import { t } from '../i18n/index.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', ',', '0'];

/** A big numeric keypad for weights and temperatures: gloves and cold fingers welcome. */
export function Keypad({ value, onChange, signed = false }: { value: string; onChange: (v: string) => void; signed?: boolean }) {
  const d = t.value;
  const press = (k: string) => {
    if (k === ',' && value.includes(',')) return;
    onChange(value + k);
  };
  return (
    <div class="keypad" role="group" aria-label={d.intake.keypad}>
      {KEYS.map((k) => <button type="button" key={k} onClick={() => press(k)}>{k}</button>)}
      {signed
        ? <button type="button" aria-label="−" onClick={() => onChange(value.startsWith('-') ? value.slice(1) : `-${value}`)}>±</button>
        : null}
      <button type="button" aria-label={d.intake.erase} onClick={() => onChange(value.slice(0, -1))}>⌫</button>
    </div>
  );
}
