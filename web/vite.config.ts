import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Built into dist/web (ignored by git); the API process serves it under /app/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  build: { outDir: fileURLToPath(new URL('../dist/web', import.meta.url)), emptyOutDir: true, target: 'es2022' },
  plugins: [
    preact(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: 'Kassi',
        short_name: 'Kassi',
        // Finnish first, as the app is; without it the plugin would take package.json's English description.
        description: 'Ruoka-apuverkoston logistiikka: vastaanotto, kylmäsäilytys, kassien varaukset ja ajoreitit',
        lang: 'fi',
        start_url: '/app/',
        scope: '/app/',
        display: 'standalone',
        theme_color: '#1d5c3a',
        background_color: '#ffffff',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      workbox: {
        clientsClaim: true,
        skipWaiting: true,
        globPatterns: ['**/*.{js,css,html,svg}'],
        // The tile map (Leaflet) is the coordinator's alone and needs the network for its tiles:
        // not precached, so no other role's phone downloads it.
        globIgnores: ['**/tile-map-*', '**/leaflet-*'],
        navigateFallback: '/app/index.html',
        navigateFallbackAllowlist: [/^\/app\//],
      },
    }),
  ],
});
