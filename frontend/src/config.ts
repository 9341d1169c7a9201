// The API URL comes from /config.json, served next to index.html, so one build runs anywhere.
export interface AppConfig {
  apiUrl: string;
  /** Where the session routes (/auth/*) are: the web app's own origin unless config.json says. */
  authUrl?: string;
}

let current: AppConfig = { apiUrl: 'http://localhost:8000' };

export function normaliseApiUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

export async function loadConfig(fetcher: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetcher('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const data = (await response.json()) as Partial<AppConfig>;
  if (typeof data.apiUrl !== 'string' || !data.apiUrl) throw new Error('config.json has no apiUrl');
  current = { apiUrl: normaliseApiUrl(data.apiUrl), authUrl: typeof data.authUrl === 'string' ? normaliseApiUrl(data.authUrl) : undefined };
  return current;
}

export function setConfig(config: AppConfig): void {
  current = { apiUrl: normaliseApiUrl(config.apiUrl), authUrl: config.authUrl === undefined ? undefined : normaliseApiUrl(config.authUrl) };
}

export function getConfig(): AppConfig {
  return current;
}
