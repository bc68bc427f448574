import { useEffect, useState } from 'preact/hooks';
import { getAppConfig, type AppConfig } from './api/get-app-config.ts';

/** The server's tile settings, and the tile map's own chunk (Leaflet with its stylesheet). */
export type Tiles = { config: AppConfig & { mapTileUrl: string; mapAttribution: string }; maps: typeof import('./tile-map.tsx') };

/**
 * The server's tile settings and, when it names a tile server, the tile map's chunk, fetched
 * only now: the other roles' screens never load it. Null while loading, without tiles, or when
 * the chunk cannot be had (offline): the screens then do without a tile map.
 */
export function useTiles(): Tiles | null {
  const [tiles, setTiles] = useState<Tiles | null>(null);
  useEffect(() => {
    let current = true;
    void getAppConfig().then(async (config) => {
      if (!config.mapTileUrl || !config.mapAttribution) return;
      const maps = await import('./tile-map.tsx');
      if (current) setTiles({ config: config as Tiles['config'], maps });
    }).catch(() => undefined);
    return () => { current = false; };
  }, []);
  return tiles;
}
