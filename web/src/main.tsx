import { render } from 'preact';
import { registerSW } from 'virtual:pwa-register';
import { App } from './app.tsx';
import { startOutbox } from './lib/outbox.ts';
import './style.css';

render(<App />, document.getElementById('app')!);
startOutbox();
if ('serviceWorker' in navigator) registerSW({ immediate: true });
