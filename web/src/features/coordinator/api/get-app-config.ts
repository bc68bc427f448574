import type { ApiAnswer } from '../../../api/types.ts';
import { cachedGet } from '../../../lib/api.ts';

/** The server's settings for the app: the map's tile URL template and attribution (null without tiles). */
export type AppConfig = ApiAnswer<'/app-config'>;

/** `GET /app-config`, kept on the device for when the network is not there. */
export const getAppConfig = () => cachedGet<AppConfig>('/app-config');
